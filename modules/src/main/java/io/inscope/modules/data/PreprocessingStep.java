package io.inscope.modules.data;

import java.util.random.RandomGenerator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One preprocessing step, compiled for examples of one {@link ExampleShape} by its kind's {@link
 * PreprocessingFactory}. A step may keep scratch buffers: a {@link Preprocessing} is used from one
 * thread.
 */
public interface PreprocessingStep {
  /**
   * Transforms the example stored at {@code x[at .. at + shape.elements())} in place, float32.
   *
   * @param random the example's draws when the kind is random ({@link
   *     io.inscope.configs.data.PreprocessingSpec#random()}): a generator keyed by the job seed, the
   *     global step, the row of the global batch and the step's place in the list, so a resumed run
   *     draws the same; null for a kind that is not random
   */
  void apply(float[] x, int at, RandomGenerator random);

  /**
   * The step as graph ops on a batch {@code [n, input...]}, with the arithmetic of {@link #apply}:
   * what the exported SavedModel does to its inputs. Kinds that are not random must give it
   * (evaluation, {@code predict} and the export apply them): a step that keeps this default is
   * refused when its split's steps are compiled, before training ({@link Preprocessing}); random
   * kinds never reach here.
   *
   * @param name a name unique in the graph for the step's result op ({@code rescale_0})
   */
  default Operand<TFloat32> graph(Ops tf, Operand<TFloat32> batch, String name) {
    throw new UnsupportedOperationException(getClass().getName() + " gives no graph ops (PreprocessingStep.graph)");
  }
}
