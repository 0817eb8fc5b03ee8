package io.inscope.runner.bench;

import io.inscope.modules.data.Examples;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.random.RandomUniform;
import org.tensorflow.op.train.ApplyAdam;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The loop a TensorFlow Java user writes by hand for the same MLP: raw ops, Glorot-uniform ref
 * variables, gradients from {@code Graph.addGradients}, fused {@code ApplyAdam} gated on every
 * gradient, one {@code Session.run} per step feeding two reused tensors refilled from the same
 * examples the runner trains on (class ids one-hot in the graph, as the runner does), and the loss
 * fetched every step.
 */
final class HandWrittenLoop {
  private HandWrittenLoop() {}

  /** Steps per second over {@code steps} steps after {@code warmup} untimed ones. */
  static double stepsPerSecond(Mlp mlp, Examples examples, ConfigProto config, int warmup, int steps) {
    int b = mlp.batch();
    int batches = examples.size() / b;
    float[] features = new float[batches * b * mlp.inputs()];
    float[] labels = new float[batches * b];
    examples.slice(0, batches * b, features, labels);
    FloatDataBuffer[] xs = new FloatDataBuffer[batches];
    FloatDataBuffer[] ys = new FloatDataBuffer[batches];
    for (int i = 0; i < batches; i++) {
      xs[i] = DataBuffers.of(features, true, false).slice((long) i * b * mlp.inputs(), (long) b * mlp.inputs());
      ys[i] = DataBuffers.of(labels, true, false).slice((long) i * b, b);
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(b, mlp.inputs())));
      Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(b)));
      List<Variable<TFloat32>> vars = new ArrayList<>();
      Operand<TFloat32> h = x;
      for (int i = 0; i + 1 < mlp.widths().size(); i++) {
        long in = mlp.widths().get(i);
        long out = mlp.widths().get(i + 1);
        float limit = (float) Math.sqrt(6.0 / (in + out));
        Operand<TFloat32> u = tf.random.randomUniform(tf.constant(new long[] {in, out}), TFloat32.class,
            RandomUniform.seed(42L), RandomUniform.seed2((long) i));
        Variable<TFloat32> w = tf.variable(tf.math.mul(tf.math.sub(tf.math.mul(u, tf.constant(2f)), tf.constant(1f)), tf.constant(limit)));
        Variable<TFloat32> bias = tf.variable(tf.zeros(tf.constant(new long[] {out}), TFloat32.class));
        vars.add(w);
        vars.add(bias);
        h = tf.nn.biasAdd(tf.linalg.matMul(h, w), bias);
        if (i + 2 < mlp.widths().size()) {
          h = tf.nn.relu(h);
        }
      }
      // TensorFlow has no C++ gradient for the sparse op: one-hot the class ids, as the runner does
      Operand<TFloat32> oneHot = tf.oneHot(tf.dtypes.cast(y, TInt32.class), tf.constant(mlp.classes()), tf.constant(1f), tf.constant(0f));
      Operand<TFloat32> loss = tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(h, oneHot).loss(), tf.constant(0));
      Op train = adam(tf, g, loss, vars);
      try (Session s = new Session(g, config);
          TFloat32 xt = TFloat32.tensorOf(Shape.of(b, mlp.inputs()));
          TFloat32 yt = TFloat32.tensorOf(Shape.of(b))) {
        s.initialize();
        long start = 0;
        for (int step = 0; step < warmup + steps; step++) {
          if (step == warmup) {
            start = System.nanoTime();
          }
          xt.copyFrom(xs[step % batches]);
          yt.copyFrom(ys[step % batches]);
          try (Result r = s.runner().feed(x, xt).feed(y, yt).addTarget(train).fetch(loss).run()) {
            if (!Float.isFinite(((TFloat32) r.get(0)).getFloat())) {
              throw new IllegalStateException("the hand-written loop diverged at step " + step);
            }
          }
        }
        return steps / ((System.nanoTime() - start) / 1e9);
      }
    }
  }

  /** Keras' Adam (lr 0.001) through ApplyAdam, updates gated on every gradient. */
  private static Op adam(Ops tf, Graph g, Operand<TFloat32> loss, List<Variable<TFloat32>> vars) {
    Output<?>[] xs = new Output<?>[vars.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = vars.get(i).asOutput();
    }
    Output<?>[] grads = g.addGradients(loss.asOutput(), xs);
    List<Op> gradOps = new ArrayList<>(List.of(grads));
    Ops gated = tf.withControlDependencies(gradOps);
    Variable<TFloat32> beta1Power = tf.variable(tf.constant(0.9f));
    Variable<TFloat32> beta2Power = tf.variable(tf.constant(0.999f));
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      Variable<TFloat32> v = vars.get(i);
      Variable<TFloat32> m = tf.variable(tf.zerosLike(v));
      Variable<TFloat32> s = tf.variable(tf.zerosLike(v));
      @SuppressWarnings("unchecked")
      Operand<TFloat32> grad = (Operand<TFloat32>) grads[i];
      updates.add(gated.train.applyAdam(v, m, s, beta1Power, beta2Power, tf.constant(0.001f), tf.constant(0.9f),
          tf.constant(0.999f), tf.constant(1e-7f), grad, ApplyAdam.useLocking(true)));
    }
    Ops after = tf.withControlDependencies(updates);
    updates.add(after.assign(beta1Power, after.math.mul(beta1Power, after.constant(0.9f))));
    updates.add(after.assign(beta2Power, after.math.mul(beta2Power, after.constant(0.999f))));
    return tf.withControlDependencies(updates).noOp();
  }
}
