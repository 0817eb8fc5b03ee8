package io.inscope.modules.losses;

import io.inscope.configs.losses.BinaryCrossentropySpec;
import io.inscope.configs.losses.ClassWeights;
import io.inscope.configs.losses.LossSpec;
import io.inscope.configs.losses.WeightedLoss;
import io.inscope.modules.data.Examples;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras' {@code class_weight} as per-example sample weights of the training loss: one weight per
 * class id, looked up by each example's label (the loss's mean still divides by the number of
 * examples, as Keras' {@code sum_over_batch_size}). Evaluation is unweighted, as Keras' {@code
 * evaluate}. {@code balanced} gives class c the weight {@code n / (classes · n_c)} over the
 * training split (a class with no example weighs 0).
 */
public final class ClassWeighting {
  private ClassWeighting() {}

  /**
   * The weight of each class id, or null when the loss has none.
   *
   * @param classes the number of classes (the output's units; 2 for a binary cross-entropy)
   * @param train the training split (its labels for {@code balanced}, its class names for names)
   * @throws IllegalArgumentException naming an unknown class or id
   */
  public static float[] weights(LossSpec loss, int classes, Examples train) {
    ClassWeights spec = loss instanceof WeightedLoss w ? w.classWeights() : null;
    if (spec == null) {
      return null;
    }
    float[] weights = new float[classes];
    if (spec.balanced()) {
      long[] counts = counts(loss, classes, train);
      long n = 0;
      for (long c : counts) {
        n += c;
      }
      for (int c = 0; c < classes; c++) {
        weights[c] = counts[c] == 0 ? 0f : (float) ((double) n / ((double) classes * counts[c]));
      }
      return weights;
    }
    java.util.Arrays.fill(weights, 1f);
    List<String> names = train == null ? List.of() : train.classNames();
    for (Map.Entry<String, Double> e : spec.byClass().entrySet()) {
      int id = id(e.getKey(), names, classes);
      weights[id] = e.getValue().floatValue();
    }
    return weights;
  }

  /** Each example's weight: its class's, from one-hot labels {@code [batch, classes]} or 0/1 labels {@code [batch, 1]}. */
  public static Operand<TFloat32> sampleWeights(Ops tf, LossSpec loss, Operand<TFloat32> labels, float[] weights) {
    if (weights == null) {
      return null;
    }
    Operand<TFloat32> w = tf.constant(weights);
    if (loss instanceof BinaryCrossentropySpec) {
      Operand<TFloat32> y = tf.reshape(labels, tf.constant(new long[] {-1}));
      Operand<TFloat32> zero = tf.gather(w, tf.constant(0), tf.constant(0));
      Operand<TFloat32> one = tf.gather(w, tf.constant(1), tf.constant(0));
      return tf.math.add(tf.math.mul(y, one), tf.math.mul(tf.math.sub(tf.constant(1f), y), zero));
    }
    return tf.reduceSum(tf.math.mul(labels, w), tf.constant(-1));
  }

  private static int id(String key, List<String> names, int classes) {
    int id;
    if (key.matches("[0-9]{1,9}")) {
      id = Integer.parseInt(key);
    } else {
      id = names.indexOf(key);
      if (id < 0) {
        throw new IllegalArgumentException("loss class_weights: no class named '" + key + "' ("
            + (names.isEmpty() ? "the labels are class ids: use ids" : "classes: " + String.join(", ", names)) + ")");
      }
    }
    if (id >= classes) {
      throw new IllegalArgumentException("loss class_weights: class " + key + " is not one of the model's " + classes + " classes (0-" + (classes - 1) + ")");
    }
    return id;
  }

  private static long[] counts(LossSpec loss, int classes, Examples train) {
    if (train == null) {
      throw new IllegalArgumentException("loss class_weights: balanced needs the training split's labels");
    }
    long[] counts = new long[classes];
    int k = train.labelElements();
    for (int i = 0; i < train.size(); i++) {
      if (k == 1) {
        int c = Math.round(train.label(i, 0));
        if (c >= 0 && c < classes) {
          counts[c]++;
        }
      } else {
        for (int j = 0; j < Math.min(k, classes); j++) {
          counts[j] += Math.round(train.label(i, j));
        }
      }
    }
    return counts;
  }
}
