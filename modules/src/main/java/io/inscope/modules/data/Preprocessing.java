package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.data.NormalizeSpec;
import io.inscope.configs.data.PreprocessingSpec;
import io.inscope.configs.data.RandomBrightnessSpec;
import io.inscope.configs.data.RandomContrastSpec;
import io.inscope.configs.data.RandomCropSpec;
import io.inscope.configs.data.RandomFlipSpec;
import io.inscope.configs.data.RescaleSpec;
import io.inscope.modules.data.internal.ImageOps;
import io.inscope.modules.data.internal.SplitMix64;
import java.util.List;

/**
 * The {@code preprocessing} steps of a split, ready to run on examples of {@code model.input}'s
 * shape: a stage between reading examples and feeding them, whatever the source.
 *
 * <ul>
 *   <li>{@link #training}: every step, in list order, on the rows of one global batch. A random step
 *       draws from {@link SplitMix64#forKeys SplitMix64.forKeys(seed, AUGMENT, step, row, index)}
 *       (global step, row of the global batch, the step's index in the list): the draws depend on
 *       nothing else, so a run resumed mid-epoch, or split over any number of replicas, sees the
 *       batches an uninterrupted single-device run sees, bit for bit.
 *   <li>{@link #inference}: the steps that are not random, as Keras' preprocessing layers do with
 *       {@code training=False}; what evaluation and prediction see.
 * </ul>
 *
 * <p>Examples are channels last: {@code [h, w, c]}, {@code [h, w]} as one channel; other shapes take
 * only rescale, normalize (the last axis as channels) and random_brightness (configs checks it). An
 * instance keeps scratch buffers: use it from one thread.
 */
public final class Preprocessing {
  /** Separates augmentation draws from other uses of the job seed. */
  static final long AUGMENT = 0x4155474d454eL;

  /** One compiled step on the example at {@code at}; {@code random} is null for a step that draws nothing. */
  /** No steps. */
  static final Preprocessing NONE = new Preprocessing(List.of(), false, new InputSpec(List.of(1), io.inscope.configs.DType.FLOAT32), 0);

  private interface Op {
    void run(float[] x, int at, SplitMix64 random);
  }

  private final List<Op> ops;
  private final boolean[] random;
  private final boolean training;
  private final long seed;
  private final int h;
  private final int w;
  private final int c;
  private final int elements;
  private final float[] scratch;
  private final float[] means;

  private Preprocessing(List<PreprocessingSpec> steps, boolean training, InputSpec input, long seed) {
    List<PreprocessingSpec> kept = training ? List.copyOf(steps) : steps.stream().filter(s -> !s.random()).toList();
    this.training = training;
    this.seed = seed;
    List<Integer> shape = input.shape();
    this.elements = (int) input.elements();
    this.h = shape.size() >= 2 ? shape.get(0) : 1;
    this.w = shape.size() >= 2 ? shape.get(1) : 1;
    this.c = shape.size() == 2 ? 1 : shape.get(shape.size() - 1);
    this.scratch = new float[elements];
    this.means = new float[c];
    this.ops = kept.stream().map(this::compile).toList();
    this.random = new boolean[kept.size()];
    for (int k = 0; k < kept.size(); k++) {
      random[k] = kept.get(k).random();
    }
  }

  /** Every step of {@code steps}, random ones drawn from {@code seed}. */
  public static Preprocessing training(List<PreprocessingSpec> steps, InputSpec input, long seed) {
    return new Preprocessing(steps, true, input, seed);
  }

  /** The steps of {@code steps} that are not random. */
  public static Preprocessing inference(List<PreprocessingSpec> steps, InputSpec input) {
    return new Preprocessing(steps, false, input, 0);
  }

  public boolean isEmpty() {
    return ops.isEmpty();
  }

  /**
   * Runs the steps on rows {@code firstRow .. firstRow + count - 1} of {@code features}, row {@code
   * firstRow + i} being row {@code i} of the global batch of step {@code step}.
   */
  public void apply(float[] features, int firstRow, int count, long step) {
    for (int row = 0; row < count; row++) {
      int at = (firstRow + row) * elements;
      for (int k = 0; k < ops.size(); k++) {
        ops.get(k).run(features, at, random[k] ? SplitMix64.forKeys(seed, AUGMENT, step, row, k) : null);
      }
    }
  }

  /** These steps on every example of {@code examples} (inference only: no draws). */
  public Examples applyTo(Examples examples) {
    if (training) {
      throw new IllegalStateException("training preprocessing runs on batches (apply), not on a split");
    }
    if (ops.isEmpty()) {
      return examples;
    }
    return examples.mapFeatures(f -> apply(f, 0, f.length / elements, 0));
  }

  private Op compile(PreprocessingSpec s) {
    if (s instanceof RescaleSpec r) {
      float scale = (float) r.scale().value();
      float offset = (float) r.offset();
      return (x, at, random) -> ImageOps.rescale(x, at, elements, scale, offset);
    }
    if (s instanceof NormalizeSpec n) {
      float[] mean = floats(n.mean(), n.channels());
      float[] inverseStd = floats(n.std(), n.channels());
      for (int i = 0; i < inverseStd.length; i++) {
        inverseStd[i] = 1f / inverseStd[i];
      }
      return (x, at, random) -> ImageOps.normalize(x, at, elements, mean, inverseStd);
    }
    if (s instanceof RandomFlipSpec f) {
      // Keras: one uniform draw per image, flipped when <= 0.5, both axes on the same draw
      return (x, at, random) -> {
        if (random.nextDouble() <= 0.5) {
          if (f.mode().horizontal()) {
            ImageOps.flipHorizontal(x, at, h, w, c);
          }
          if (f.mode().vertical()) {
            ImageOps.flipVertical(x, at, h, w, c, scratch);
          }
        }
      };
    }
    if (s instanceof RandomCropSpec p) {
      int offsets = 2 * p.padding() + 1;
      return (x, at, random) -> {
        int dy = random.nextInt(offsets);
        int dx = random.nextInt(offsets);
        ImageOps.padCrop(x, at, h, w, c, p.padding(), dy, dx, scratch);
      };
    }
    if (s instanceof RandomBrightnessSpec b) {
      double low = b.valueRange().get(0);
      double high = b.valueRange().get(1);
      return (x, at, random) -> {
        float delta = (float) ((random.nextDouble() * 2 - 1) * b.factor() * (high - low));
        ImageOps.brightness(x, at, elements, delta, (float) low, (float) high);
      };
    }
    if (s instanceof RandomContrastSpec k) {
      float low = k.valueRange().get(0).floatValue();
      float high = k.valueRange().get(1).floatValue();
      return (x, at, random) -> {
        float factor = (float) (1 - k.factor() + random.nextDouble() * 2 * k.factor());
        ImageOps.contrast(x, at, h, w, c, factor, low, high, means);
      };
    }
    throw new IllegalArgumentException("no preprocessing for " + s.getClass().getName());
  }

  static float[] floats(List<Double> values, int channels) {
    float[] out = new float[channels];
    for (int i = 0; i < channels; i++) {
      out[i] = values.get(values.size() == 1 ? 0 : i).floatValue();
    }
    return out;
  }
}
