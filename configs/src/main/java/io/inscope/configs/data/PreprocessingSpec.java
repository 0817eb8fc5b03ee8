package io.inscope.configs.data;

import io.inscope.configs.BuiltInKinds;
import io.inscope.configs.Doc;
import java.util.List;

/**
 * One preprocessing or augmentation step of a split, a kind named after Keras' preprocessing layer
 * that does the same ({@code Rescaling}, {@code Normalization}, {@code RandomFlip}, ...). The steps
 * of {@code data.*.preprocessing} run in list order on each example, channels last ({@code [h, w,
 * c]}, or {@code [h, w]} as one channel).
 *
 * <pre>
 * preprocessing:
 *   - rescale: 1/255
 *   - normalize: {mean: [0.2860], std: [0.3530]}
 *   - random_flip: horizontal
 *   - random_crop: {padding: 4}
 *   - random_brightness: 0.2
 *   - random_contrast: 0.2
 * </pre>
 *
 * <p>Random steps ({@link #random()}) change training batches only, as Keras' layers do with
 * {@code training=True}: evaluation, {@code predict} and the exported model run the other steps
 * and pass over the random ones. Their draws come from the job seed, the global step and the row
 * of the global batch, so a resumed run sees the batches an uninterrupted one does, bit for bit.
 *
 * <p>The family is open, as {@code LayerSpec} is: a plugin jar adds a step kind with a {@code @Kind}
 * record implementing this interface, listed by a {@link io.inscope.configs.KindProvider}; its
 * Guice module registers the step's factory ({@code PreprocessingKinds} in {@code modules}). Built-in
 * kinds are listed in {@code @BuiltInKinds} (keep it sorted). {@code check} applies what a kind
 * declares here: {@link #random()} (not under {@code data.eval}), {@link #needsImages()} and
 * {@link #checkInput}.
 */
@Doc("A preprocessing (rescale, normalize) or augmentation (random_*) step, applied in list order; random steps apply in training only; a plugin jar can add kinds")
@BuiltInKinds({
  NormalizeSpec.class,
  RandomBrightnessSpec.class,
  RandomContrastSpec.class,
  RandomCropSpec.class,
  RandomFlipSpec.class,
  RescaleSpec.class})
public interface PreprocessingSpec {
  /** Whether the step draws random numbers: it applies to training batches only. */
  default boolean random() {
    return false;
  }

  /**
   * Whether the step works on images only: {@code model.input.shape} {@code [h, w]} (one channel) or
   * {@code [h, w, channels]}; {@code check} reports any other shape at the step.
   */
  default boolean needsImages() {
    return false;
  }

  /**
   * Checks the step's arguments against {@code model.input.shape} (channels last), after {@link
   * #needsImages()} holds; {@code check} reports a failure at the step's key.
   *
   * @throws io.inscope.configs.SpecException naming the key of the step that does not fit the shape
   */
  default void checkInput(List<Integer> shape) {}

  /** The channels of an example of {@code shape}: its last axis, 1 for an {@code [h, w]} image. */
  static int channels(List<Integer> shape) {
    return shape.size() == 2 ? 1 : shape.get(shape.size() - 1);
  }
}
