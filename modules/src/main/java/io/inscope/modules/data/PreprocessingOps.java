package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.data.DataSplitSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A split's {@code scale} and the {@code preprocessing} steps that are not random as graph ops on a
 * batch {@code [n, input...]}: what an exported model does to raw examples, with the same float32
 * arithmetic as {@link PreprocessingCompiler#inference} (each kind's {@link PreprocessingStep#graph}).
 */
public final class PreprocessingOps {
  private PreprocessingOps() {}

  /** With the kinds {@code kinds} binds (the job's, plugins included). */
  public static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> inputs, DataSplitSpec split, InputSpec input,
      PreprocessingCompiler kinds) {
    Operand<TFloat32> x = inputs;
    if (split.scale() != 1.0) {
      x = tf.withName("scale").math.mul(x, tf.constant((float) split.scale()));
    }
    return kinds.inference(split.steps(), input).graph(tf, x);
  }
}
