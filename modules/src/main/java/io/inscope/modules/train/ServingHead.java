package io.inscope.modules.train;

import io.inscope.configs.losses.BinaryCrossentropySpec;
import io.inscope.configs.losses.CategoricalCrossentropySpec;
import io.inscope.configs.losses.LossSpec;
import io.inscope.configs.losses.SparseCategoricalCrossentropySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The outputs a served model gives, by the kind of task its loss trains:
 *
 * <table>
 *   <caption>outputs</caption>
 *   <tr><th>loss</th><th>outputs</th></tr>
 *   <tr><td>sparse_categorical_crossentropy, categorical_crossentropy (multi-class)</td><td>{@code logits}
 *       {@code [n, classes]}, {@code probabilities} = softmax(logits), {@code class_ids} {@code [n]}
 *       int64 = argmax, {@code classes} {@code [n]} the class names</td></tr>
 *   <tr><td>binary_crossentropy</td><td>{@code logits} {@code [n, units]}, {@code probabilities} =
 *       sigmoid(logits) (of class 1), {@code class_ids} int64 = probability &gt; 0.5 ({@code [n]} for
 *       one unit, else {@code [n, units]}), {@code classes} their names</td></tr>
 *   <tr><td>anything else (regression: mean_squared_error, mean_absolute_error, huber)</td><td>{@code
 *       predictions}: the model's output as it is</td></tr>
 * </table>
 *
 * <p>With {@code from_logits: false} the model's output is already probabilities; {@code logits}
 * is then their log (multi-class) or log-odds (binary), so that softmax or sigmoid of it gives the
 * probabilities back.
 */
public enum ServingHead {
  MULTI_CLASS,
  BINARY,
  REGRESSION;

  public static final String LOGITS = "logits";
  public static final String PROBABILITIES = "probabilities";
  public static final String CLASS_IDS = "class_ids";
  public static final String CLASSES = "classes";
  public static final String PREDICTIONS = "predictions";
  private static final float EPSILON = 1e-7f;

  public static ServingHead of(LossSpec loss) {
    if (loss instanceof SparseCategoricalCrossentropySpec || loss instanceof CategoricalCrossentropySpec) {
      return MULTI_CLASS;
    }
    return loss instanceof BinaryCrossentropySpec ? BINARY : REGRESSION;
  }

  static boolean fromLogits(LossSpec loss) {
    if (loss instanceof SparseCategoricalCrossentropySpec s) {
      return s.fromLogits();
    }
    if (loss instanceof CategoricalCrossentropySpec c) {
      return c.fromLogits();
    }
    return loss instanceof BinaryCrossentropySpec b && b.fromLogits();
  }

  public boolean classifies() {
    return this != REGRESSION;
  }

  /** The output names, in signature order. */
  public List<String> outputNames() {
    return classifies() ? List.of(LOGITS, PROBABILITIES, CLASS_IDS, CLASSES) : List.of(PREDICTIONS);
  }

  /**
   * The number of class names a model with per-example output shape {@code [units]} needs: the
   * units of a multi-class model, two (0 and 1) for a binary one.
   */
  public long classCount(long units) {
    return this == BINARY ? 2 : units;
  }

  /**
   * Builds the outputs from the model's output {@code out}; {@code table} maps a class id to its
   * name (int64 to string).
   */
  Map<String, Operand<?>> outputs(Ops tf, Operand<TFloat32> out, LossSpec loss, Operand<?> table) {
    Map<String, Operand<?>> outputs = new LinkedHashMap<>();
    if (this == REGRESSION) {
      outputs.put(PREDICTIONS, tf.withName(PREDICTIONS).identity(out));
      return outputs;
    }
    boolean fromLogits = fromLogits(loss);
    Operand<TFloat32> logits;
    Operand<TFloat32> probabilities;
    Operand<TInt64> ids;
    if (this == MULTI_CLASS) {
      logits = fromLogits ? out : tf.math.log(clip(tf, out));
      probabilities = fromLogits ? tf.nn.softmax(out) : out;
      ids = tf.math.argMax(probabilities, tf.constant(-1), TInt64.class);
    } else {
      Operand<TFloat32> p = clip(tf, out);
      logits = fromLogits ? out : tf.math.sub(tf.math.log(p), tf.math.log(tf.math.sub(tf.constant(1f), p)));
      probabilities = fromLogits ? tf.math.sigmoid(out) : out;
      Operand<TInt64> positive = tf.dtypes.cast(tf.math.greater(probabilities, tf.constant(0.5f)), TInt64.class);
      ids = out.shape().numDimensions() == 2 && out.shape().get(1) == 1
          ? tf.squeeze(positive, Squeeze.axis(List.of(-1L))) : positive;
    }
    outputs.put(LOGITS, tf.withName(LOGITS).identity(logits));
    outputs.put(PROBABILITIES, tf.withName(PROBABILITIES).identity(probabilities));
    Operand<TInt64> classIds = tf.withName(CLASS_IDS).identity(ids);
    outputs.put(CLASS_IDS, classIds);
    Operand<TString> names = tf.lookupTableFind(table, classIds, tf.constant(""));
    outputs.put(CLASSES, tf.withName(CLASSES).identity(names));
    return outputs;
  }

  private static Operand<TFloat32> clip(Ops tf, Operand<TFloat32> p) {
    return tf.clipByValue(p, tf.constant(EPSILON), tf.constant(1f - EPSILON));
  }
}
