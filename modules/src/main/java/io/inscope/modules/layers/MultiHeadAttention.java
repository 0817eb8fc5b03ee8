package io.inscope.modules.layers;

import io.inscope.configs.layers.MultiHeadAttentionSpec;
import io.inscope.modules.strategy.MirroredVariable;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat32;

/**
 * Keras' multi-head attention with query = key = value = the input {@code x [batch, T, d]}: {@code
 * q = x·W_q + b_q} (likewise k, v) as {@code [batch, heads, T, dim]}, {@code scores = q k^T /
 * sqrt(key_dim)} (masked positions get -1e9 added, as Keras' softmax does with a mask), softmax over
 * the keys, dropout in training, {@code (probs v)·W_o + b_o}. See {@link MultiHeadAttentionSpec}.
 */
public final class MultiHeadAttention extends NamedLayer {
  private static final float MASKED = -1e9f;

  private final MultiHeadAttentionSpec spec;
  private final LayerServices services;
  private long steps;
  private long features;
  private long valueDim;
  private long outputDim;
  private final MirroredVariable<TFloat32>[] kernels = newArray(4);
  private final MirroredVariable<TFloat32>[] biases = newArray(4);

  public MultiHeadAttention(MultiHeadAttentionSpec spec, String name, LayerServices services) {
    super(name);
    this.spec = spec;
    this.services = services;
  }

  @SuppressWarnings("unchecked")
  private static MirroredVariable<TFloat32>[] newArray(int n) {
    return new MirroredVariable[n];
  }

  @Override
  public Shape build(Shape inputShape) {
    if (inputShape.numDimensions() != 2) {
      throw new LayerShapeException(
          name, "expects examples [steps, features], got " + inputShape + " (add a reshape layer before it)");
    }
    steps = inputShape.size(0);
    features = inputShape.size(1);
    long heads = spec.numHeads();
    long keyDim = spec.keyDim();
    valueDim = spec.valueDim() == null ? keyDim : spec.valueDim();
    outputDim = spec.outputShape() == null ? features : spec.outputShape();
    String[] parts = {"query", "key", "value"};
    long[] widths = {keyDim, keyDim, valueDim};
    for (int i = 0; i < 3; i++) {
      kernels[i] = services.weight(
          name, parts[i] + ".kernel", Shape.of(features, heads, widths[i]), spec.kernelInitializer(), true);
      if (spec.useBias()) {
        biases[i] = services.weight(name, parts[i] + ".bias", Shape.of(heads, widths[i]), spec.biasInitializer(), true);
      }
    }
    kernels[3] = services.weight(
        name, "attention_output.kernel", Shape.of(heads, valueDim, outputDim), spec.kernelInitializer(), true);
    if (spec.useBias()) {
      biases[3] = services.weight(name, "attention_output.bias", Shape.of(outputDim), spec.biasInitializer(), true);
    }
    return Shape.of(steps, outputDim);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    Operand<TFloat32> flat = tf.reshape(input, tf.constant(new long[] {-1, features}));
    Operand<TFloat32> q = heads(ctx, tf, flat, 0, spec.keyDim());
    Operand<TFloat32> k = heads(ctx, tf, flat, 1, spec.keyDim());
    Operand<TFloat32> v = heads(ctx, tf, flat, 2, valueDim);
    q = tf.math.mul(q, tf.constant((float) (1.0 / Math.sqrt(spec.keyDim()))));
    Operand<TFloat32> scores = HalfCompute.batchMatMul(tf, ctx.float16(), q, k, BatchMatMul.adjY(true));
    if (spec.useCausalMask()) {
      scores = tf.math.add(scores, tf.constant(causalAdder()));
    }
    Operand<TFloat32> probs = tf.nn.softmax(scores);
    if (ctx.training() && spec.dropout() > 0) {
      probs = Dropout.drop(ctx, tf, name, spec.dropout(), probs, tf.shape(probs));
    }
    Operand<TFloat32> attended = HalfCompute.batchMatMul(tf, ctx.float16(), probs, v); // [batch, heads, T, value_dim]
    Operand<TFloat32> merged = tf.reshape(
        tf.linalg.transpose(attended, tf.constant(new int[] {0, 2, 1, 3})),
        tf.constant(new long[] {-1, spec.numHeads() * valueDim}));
    Operand<TFloat32> w = tf.reshape(ctx.replica().read(kernels[3]), tf.constant(new long[] {spec.numHeads() * valueDim, outputDim}));
    Operand<TFloat32> y = HalfCompute.matMul(tf, ctx.float16(), merged, w);
    if (biases[3] != null) {
      y = tf.nn.biasAdd(y, ctx.replica().read(biases[3]));
    }
    return tf.reshape(y, tf.constant(new long[] {-1, steps, outputDim}));
  }

  /** {@code x·W + b} of projection {@code i} as {@code [batch, heads, T, width]}. */
  private Operand<TFloat32> heads(CallContext ctx, Ops tf, Operand<TFloat32> flat, int i, long width) {
    long all = spec.numHeads() * width;
    Operand<TFloat32> y = HalfCompute.matMul(tf, ctx.float16(),
        flat, tf.reshape(ctx.replica().read(kernels[i]), tf.constant(new long[] {features, all})));
    if (biases[i] != null) {
      y = tf.nn.biasAdd(y, tf.reshape(ctx.replica().read(biases[i]), tf.constant(new long[] {all})));
    }
    Operand<TFloat32> split = tf.reshape(y, tf.constant(new long[] {-1, steps, spec.numHeads(), width}));
    return tf.linalg.transpose(split, tf.constant(new int[] {0, 2, 1, 3}));
  }

  /** 0 where step i may attend to step j (j <= i), -1e9 elsewhere; broadcasts over batch and heads. */
  private float[][] causalAdder() {
    float[][] adder = new float[(int) steps][(int) steps];
    for (int i = 0; i < steps; i++) {
      for (int j = i + 1; j < steps; j++) {
        adder[i][j] = MASKED;
      }
    }
    return adder;
  }
}
