package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.NormalizeSpec;
import io.inscope.configs.data.PreprocessingSpec;
import io.inscope.configs.data.RescaleSpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A split's {@code scale} and the {@code preprocessing} steps that are not random as graph ops on a
 * batch {@code [n, input...]}: what an exported model does to raw examples, with the same float32
 * arithmetic as {@link Preprocessing#inference} (multiply, add, subtract, multiply by the inverse
 * standard deviation; the normalize constants broadcast over the last axis).
 */
public final class PreprocessingOps {
  private PreprocessingOps() {}

  public static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> inputs, DataSplitSpec split, InputSpec input) {
    Operand<TFloat32> x = inputs;
    if (split.scale() != 1.0) {
      x = tf.withName("scale").math.mul(x, tf.constant((float) split.scale()));
    }
    List<PreprocessingSpec> steps = split.fixedSteps();
    for (int k = 0; k < steps.size(); k++) {
      PreprocessingSpec s = steps.get(k);
      if (s instanceof RescaleSpec r) {
        x = tf.withName("rescale_" + k).math.mul(x, tf.constant((float) r.scale().value()));
        if (r.offset() != 0) {
          x = tf.withName("rescale_offset_" + k).math.add(x, tf.constant((float) r.offset()));
        }
      } else if (s instanceof NormalizeSpec n) {
        float[] inverseStd = Preprocessing.floats(n.std(), n.channels());
        for (int i = 0; i < inverseStd.length; i++) {
          inverseStd[i] = 1f / inverseStd[i];
        }
        x = tf.withName("normalize_" + k).math.mul(tf.math.sub(x, constant(tf, Preprocessing.floats(n.mean(), n.channels()))),
            constant(tf, inverseStd));
      } else {
        throw new IllegalArgumentException("no graph ops for preprocessing " + s.getClass().getName());
      }
    }
    return x;
  }

  /** One value broadcasts to every element; several, over the last axis. */
  private static Operand<TFloat32> constant(Ops tf, float[] values) {
    return values.length == 1 ? tf.constant(values[0]) : tf.constant(values);
  }
}
