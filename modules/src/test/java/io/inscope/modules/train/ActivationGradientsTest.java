package io.inscope.modules.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The rewritten backward pass of relu and relu6 (gradients read the activation's output, static
 * shapes instead of {@code Shape} ops) computes bit-identical gradients to the C++ one, on inputs
 * with zeros, negatives and values above 6; and no gradient op reads the pre-activation. (Not NaN:
 * with the rewrite grappler fuses the relu into oneDNN's matmul, whose relu maps NaN to 0 where
 * TensorFlow's own Relu kernel keeps it; measured here, a NaN input row gave NaN gradients unfused
 * and 0 fused, as TensorFlow Python's fused graphs do.)
 */
class ActivationGradientsTest {
  private static final float[][] X = {
    {1.5f, -2f, 0f, 7f}, {0f, 0f, 3f, -0.5f}, {4f, 6f, -6f, 2f}
  };
  private static final float[][] W = {
    {0.5f, -1f, 2f}, {1f, 0.25f, -0.5f}, {-1f, 1f, 1f}, {0.75f, 0f, -2f}
  };

  @Test
  void gradientsAreBitIdenticalAndReadTheOutput() {
    for (String activation : new String[] {"Relu", "Relu6"}) {
      float[][] plain = gradient(activation, false);
      float[][] rewritten = gradient(activation, true);
      for (int i = 0; i < plain.length; i++) {
        for (int j = 0; j < plain[i].length; j++) {
          assertEquals(Float.floatToRawIntBits(plain[i][j]), Float.floatToRawIntBits(rewritten[i][j]),
              activation + " gradient [" + i + "][" + j + "]: " + plain[i][j] + " vs " + rewritten[i][j]);
        }
      }
    }
  }

  @Test
  void isIdempotentAndLeavesNoGradientOnThePreActivation() {
    try (Graph g = new Graph()) {
      build(g, "Relu");
      Ops tf = Ops.create(g);
      int first = ActivationGradients.rewrite(g, tf);
      // one ReluGrad re-pointed, the Shape of the relu output read by Mul's gradient replaced
      assertEquals(true, first >= 2, "edges changed: " + first);
      assertEquals(0, ActivationGradients.rewrite(g, tf));
      GraphOperation bias = (GraphOperation) g.operation("bias_add");
      assertEquals(1, bias.numConsumers(0), "the bias add feeds only the relu: " + bias.consumers(0));
      GraphOperation relu = (GraphOperation) g.operation("act");
      assertFalse(relu.consumers(0).stream().anyMatch(c -> c.type().equals("Shape") && c.numConsumers() > 0));
    }
  }

  private static Output<?> build(Graph g, String activation) {
    Ops tf = Ops.create(g);
    Placeholder<TFloat32> x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(3, 4)));
    Operand<TFloat32> h = tf.withName("bias_add").nn.biasAdd(
        tf.linalg.matMul(x, tf.constant(W)), tf.constant(new float[] {0f, -1f, 0.5f}));
    Operand<TFloat32> y = activation.equals("Relu")
        ? tf.withName("act").nn.relu(h) : tf.withName("act").nn.relu6(h);
    // a broadcasting multiply after the activation, as dropout does: its gradient takes Shape(y)
    Operand<TFloat32> scaled = tf.math.mul(y, tf.constant(new float[] {2f, 0.5f, 3f}));
    Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(scaled, scaled), tf.constant(new int[] {0, 1}));
    return g.addGradients(loss.asOutput(), new Output<?>[] {x.asOutput()})[0];
  }

  private static float[][] gradient(String activation, boolean rewrite) {
    try (Graph g = new Graph()) {
      Output<?> dx = build(g, activation);
      if (rewrite) {
        ActivationGradients.rewrite(g, Ops.create(g));
      }
      try (Session s = new Session(g); TFloat32 x = TFloat32.tensorOf(StdArrays.ndCopyOf(X));
          Tensor out = s.runner().feed("x", x).fetch(dx).run().get(0)) {
        float[][] result = new float[3][4];
        StdArrays.copyFrom((TFloat32) out, result);
        return result;
      }
    }
  }
}
