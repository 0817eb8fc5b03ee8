package io.inscope.modules.losses;

import io.inscope.configs.Kind;
import io.inscope.configs.losses.BinaryCrossentropySpec;
import io.inscope.configs.losses.CategoricalCrossentropySpec;
import io.inscope.configs.losses.LossSpec;
import io.inscope.configs.losses.SparseCategoricalCrossentropySpec;
import io.inscope.modules.data.DataException;
import io.inscope.modules.data.Examples;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Checks a split's labels against the loss and the model's output width before the first step, so
 * that a label the loss cannot read is an error naming its file and row, not a silently wrong
 * gradient (TensorFlow's one-hot of an out-of-range id is a row of zeros; a fractional id is cut).
 *
 * <table>
 *   <caption>what each loss accepts</caption>
 *   <tr><th>loss</th><th>labels</th></tr>
 *   <tr><td>sparse_categorical_crossentropy</td><td>one whole number per example in [0, units)</td></tr>
 *   <tr><td>categorical_crossentropy</td><td>one value per output (one-hot or soft), each in [0, 1];
 *       or one class id per example in [0, units), as for the sparse loss</td></tr>
 *   <tr><td>binary_crossentropy</td><td>one value per output, each in [0, 1]</td></tr>
 *   <tr><td>regression losses</td><td>one value per output</td></tr>
 * </table>
 *
 * Every label must be a finite number.
 */
public final class LabelChecks {
  private LabelChecks() {}

  /**
   * @param where the split's spec path, e.g. {@code data.eval.csv}
   * @param outputShape the shape of one example's model output (no batch dimension)
   * @throws DataException naming the first bad label's origin, its value, what the loss needs and
   *     the way out
   */
  public static void check(LossSpec loss, long[] outputShape, Examples examples, String where) throws DataException {
    if (examples.size() == 0) {
      return;
    }
    Rows rows = rows(loss, outputShape, examples.labelShape(), examples.origin(0), where);
    int elements = examples.labelElements();
    float[] row = new float[elements];
    for (int i = 0; i < examples.size(); i++) {
      for (int j = 0; j < elements; j++) {
        row[j] = examples.label(i, j);
      }
      rows.check(row, 0, examples.origin(i));
    }
  }

  /**
   * The same checks for labels read one example at a time (a streamed split): the shapes are
   * checked now, each example's values by {@link Rows#check}.
   *
   * @param first where the split's first example comes from, for a message about the shapes
   */
  public static Rows rows(LossSpec loss, long[] outputShape, long[] labelShape, String first, String where) throws DataException {
    String name = loss.getClass().getAnnotation(Kind.class).value();
    long units = outputShape.length == 0 ? 1 : outputShape[outputShape.length - 1];
    long outputs = Arrays.stream(outputShape).reduce(1, (a, b) -> a * b);
    int elements = (int) Arrays.stream(labelShape).reduce(1, (a, b) -> a * b);
    boolean ids = loss instanceof SparseCategoricalCrossentropySpec
        || loss instanceof CategoricalCrossentropySpec && elements == 1 && units > 1;
    if (loss instanceof SparseCategoricalCrossentropySpec && (elements != 1 || outputShape.length != 1)) {
      throw new DataException(where, first + ": " + name + " needs one class id per example and outputs "
          + "[classes]; the labels have shape " + Arrays.toString(labelShape) + " and the outputs "
          + Arrays.toString(outputShape) + "; use categorical_crossentropy for one-hot labels");
    }
    if (!ids && elements != outputs) {
      throw new DataException(where, first + ": the labels have shape " + Arrays.toString(labelShape)
          + " (" + elements + " values) but the model's outputs " + Arrays.toString(outputShape) + " (" + outputs + " values); "
          + name + " needs one label value per output: change the last layer's units"
          + (loss instanceof CategoricalCrossentropySpec ? " to the one-hot width " + elements : "") + " or the loss");
    }
    boolean probabilities = loss instanceof BinaryCrossentropySpec || loss instanceof CategoricalCrossentropySpec;
    return new Rows(name, ids, probabilities, units, elements, loss instanceof CategoricalCrossentropySpec, where);
  }

  /** Checks the label values of one example at a time; see {@link #rows}. */
  public record Rows(String name, boolean ids, boolean probabilities, long units, int elements, boolean categorical, String where) {
    /**
     * @param labels holds the example's label values from {@code offset}
     * @param origin where the example comes from
     */
    public void check(float[] labels, int offset, String origin) throws DataException {
      check(labels, offset, () -> origin);
    }

    /**
     * As {@link #check(float[], int, String)}, the origin made only for a message (a streamed
     * split checks every record as it is read).
     */
    public void check(float[] labels, int offset, Supplier<String> origin) throws DataException {
      for (int j = 0; j < elements; j++) {
        float v = labels[offset + j];
        if (Float.isFinite(v) && (!ids || (v == Math.rint(v) && v >= 0 && v < units))
            && (ids || !probabilities || (v >= 0 && v <= 1))) {
          continue;
        }
        String at = origin.get() + (elements > 1 ? ": value " + j + " (counting from 0)" : "") + ": label ";
        if (!Float.isFinite(v)) {
          throw new DataException(where, at + v + " is not a finite number; fix or drop the example");
        }
        if (ids && (v != Math.rint(v) || v < 0 || v >= units)) {
          String problem = v != Math.rint(v) ? "is not a whole number" : v < 0 ? "is negative" : "is out of range";
          String wayOut = v != Math.rint(v)
              ? "fix the label; for targets that are not class ids use a regression loss such as mean_squared_error"
              : v < 0 ? "fix the label (class ids count from 0)"
              : "fix the label, or give the last layer " + ((long) v + 1) + " units or more";
          throw new DataException(where, at + format(v) + " " + problem + ": " + name + " reads class ids, whole numbers in [0, "
              + units + ") for the model's " + units + " outputs; " + wayOut);
        }
        if (!ids && probabilities && (v < 0 || v > 1)) {
          throw new DataException(where, at + format(v) + " is outside [0, 1]: " + name + " reads probabilities"
              + (categorical ? " (one-hot or soft labels)" : "")
              + "; fix the label, or use a regression loss such as mean_squared_error for other targets");
        }
      }
    }
  }

  private static String format(float v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Float.toString(v);
  }
}
