package io.inscope.modules.data;

import io.inscope.configs.DType;
import io.inscope.configs.InputSpec;
import io.inscope.configs.Kind;
import io.inscope.configs.data.PreprocessingSpec;
import io.inscope.modules.data.internal.SplitMix64;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The {@code preprocessing} steps of a split, ready to run on examples of {@code model.input}'s
 * shape: a stage between reading examples and feeding them, whatever the source.
 *
 * <ul>
 *   <li>{@link PreprocessingCompiler#training training}: every step, in list order, on the rows of one global batch. A random step
 *       draws from {@link SplitMix64#forKeys SplitMix64.forKeys(seed, AUGMENT, step, row, index)}
 *       (global step, row of the global batch, the step's index in the list): the draws depend on
 *       nothing else, so a run resumed mid-epoch, or split over any number of replicas, sees the
 *       batches an uninterrupted single-device run sees, bit for bit.
 *   <li>{@link PreprocessingCompiler#inference inference}: the steps that are not random, as Keras' preprocessing layers do with
 *       {@code training=False}; what evaluation and prediction see.
 * </ul>
 *
 * <p>Each step is its kind's {@link PreprocessingStep}, made by the {@link PreprocessingFactory}
 * bound for the spec's record class ({@link PreprocessingKinds}); {@link PreprocessingCompiler}
 * compiles a split's steps with the job's bindings, plugins included ({@link #training} and {@link
 * #inference} know the built-in kinds only). Examples are channels last:
 * {@code [h, w, c]}, {@code [h, w]} as one channel; kinds that need images get no other shape
 * (configs checks it). Steps keep scratch buffers: use an instance from one thread.
 */
public final class Preprocessing {
  /** Separates augmentation draws from other uses of the job seed. */
  static final long AUGMENT = 0x4155474d454eL;

  /** No steps. */
  static final Preprocessing NONE = new Preprocessing(List.of(), List.of(), false,
      ExampleShape.of(new InputSpec(List.of(1), DType.FLOAT32)), 0);

  private final List<PreprocessingSpec> specs;
  private final PreprocessingStep[] steps;
  private final boolean[] random;
  private final boolean training;
  private final long seed;
  private final int elements;

  Preprocessing(List<PreprocessingSpec> specs, List<PreprocessingStep> steps, boolean training, ExampleShape shape, long seed) {
    this.specs = List.copyOf(specs);
    this.steps = steps.toArray(new PreprocessingStep[0]);
    this.training = training;
    this.seed = seed;
    this.elements = shape.elements();
    this.random = new boolean[specs.size()];
    for (int k = 0; k < specs.size(); k++) {
      random[k] = specs.get(k).random();
      if (!random[k] && !givesGraph(this.steps[k])) {
        // found when the split's steps are compiled, before training, not at the export after it
        throw new IllegalStateException("the preprocessing kind '" + kind(k) + "' gives no graph ops, so the exported model"
            + " cannot apply it: its PreprocessingStep (" + this.steps[k].getClass().getName() + ") must implement graph");
      }
    }
  }

  /** Whether a step overrides {@link PreprocessingStep#graph} (the default throws). */
  private static boolean givesGraph(PreprocessingStep step) {
    try {
      return step.getClass().getMethod("graph", Ops.class, Operand.class, String.class).getDeclaringClass() != PreprocessingStep.class;
    } catch (NoSuchMethodException e) {
      throw new AssertionError("PreprocessingStep.graph is public", e);
    }
  }

  private String kind(int k) {
    return specs.get(k).getClass().getAnnotation(Kind.class).value();
  }

  public boolean isEmpty() {
    return steps.length == 0;
  }

  /**
   * Runs the steps on rows {@code firstRow .. firstRow + count - 1} of {@code features}, row {@code
   * firstRow + i} being row {@code i} of the global batch of step {@code step}.
   */
  public void apply(float[] features, int firstRow, int count, long step) {
    for (int row = 0; row < count; row++) {
      int at = (firstRow + row) * elements;
      for (int k = 0; k < steps.length; k++) {
        steps[k].apply(features, at, random[k] ? SplitMix64.forKeys(seed, AUGMENT, step, row, k) : null);
      }
    }
  }

  /** These steps on every example of {@code examples} (inference only: no draws). */
  public Examples applyTo(Examples examples) {
    if (training) {
      throw new IllegalStateException("training preprocessing runs on batches (apply), not on a split");
    }
    if (steps.length == 0) {
      return examples;
    }
    return examples.mapFeatures(f -> apply(f, 0, f.length / elements, 0));
  }

  /**
   * The steps that are not random as graph ops on a batch {@code [n, input...]}, in order, each
   * step's result named {@code <kind>_<k>} ({@code k} its place among them): what the exported model
   * applies ({@link PreprocessingStep#graph}).
   *
   */
  public Operand<TFloat32> graph(Ops tf, Operand<TFloat32> batch) {
    Operand<TFloat32> x = batch;
    int k = 0;
    for (int i = 0; i < steps.length; i++) {
      if (random[i]) {
        continue;
      }
      x = steps[i].graph(tf, x, kind(i) + "_" + k);
      k++;
    }
    return x;
  }
}
