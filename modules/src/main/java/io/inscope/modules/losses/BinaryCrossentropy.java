package io.inscope.modules.losses;

import io.inscope.configs.losses.BinaryCrossentropySpec;
import org.tensorflow.Operand;
import org.tensorflow.framework.losses.Loss;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * Keras' {@code binary_crossentropy}, reduced to the mean over the batch. With {@code from_logits}
 * it is tensorflow-framework's (sigmoid cross-entropy on the logits). On probabilities it is Keras
 * 3's formula, {@code q = clip(o, ε, 1 − ε)}, {@code −y' log q − (1 − y') log(1 − q)} with {@code
 * ε = 1e-7}, averaged over the last axis: the framework's version asserts that every output lies in
 * [0, 1], and an output outside it (a linear last layer, or dropout after a sigmoid while training)
 * ended the run with an assertion instead of computing Keras' loss. Labels are smoothed as {@code
 * y' = (1 − s) y + s / 2}.
 */
public final class BinaryCrossentropy implements Loss {
  /** Keras' {@code backend.epsilon()}. */
  public static final float EPSILON = 1e-7f;

  private final BinaryCrossentropySpec spec;
  private final org.tensorflow.framework.losses.BinaryCrossentropy logits;

  public BinaryCrossentropy(BinaryCrossentropySpec spec) {
    this.spec = spec;
    this.logits = new org.tensorflow.framework.losses.BinaryCrossentropy(true, (float) spec.labelSmoothing());
  }

  /**
   * @param sampleWeights one weight per example ({@code class_weights}), or null
   */
  @Override
  public <T extends TNumber> Operand<T> call(
      Ops tf, Operand<? extends TNumber> labels, Operand<T> predictions, Operand<T> sampleWeights) {
    if (spec.fromLogits()) {
      return logits.call(tf, labels, predictions, sampleWeights);
    }
    Class<T> type = predictions.type();
    Operand<T> y = tf.dtypes.cast(labels, type);
    if (spec.labelSmoothing() != 0) {
      float s = (float) spec.labelSmoothing();
      y = tf.math.add(tf.math.mul(y, tf.dtypes.cast(tf.constant(1 - s), type)), tf.dtypes.cast(tf.constant(s / 2), type));
    }
    Operand<T> one = tf.dtypes.cast(tf.constant(1f), type);
    // Maximum and Minimum rather than ClipByValue: both have gradients in TensorFlow's C++ registry
    Operand<T> q = tf.math.minimum(tf.math.maximum(predictions, tf.dtypes.cast(tf.constant(EPSILON), type)),
        tf.dtypes.cast(tf.constant(1f - EPSILON), type));
    Operand<T> bce = tf.math.neg(tf.math.add(
        tf.math.mul(y, tf.math.log(q)),
        tf.math.mul(tf.math.sub(one, y), tf.math.log(tf.math.sub(one, q)))));
    Operand<T> perExample = tf.reshape(tf.math.mean(bce, tf.constant(-1)), tf.constant(new long[] {-1}));
    if (sampleWeights != null) {
      // class_weights: each example's loss times its weight, still averaged over the examples
      perExample = tf.math.mul(perExample, tf.reshape(sampleWeights, tf.constant(new long[] {-1})));
    }
    return tf.math.mean(perExample, tf.constant(0));
  }
}
