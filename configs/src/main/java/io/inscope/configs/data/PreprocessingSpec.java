package io.inscope.configs.data;

import io.inscope.configs.Doc;

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
 */
@Doc("A preprocessing (rescale, normalize) or augmentation (random_*) step, applied in list order; random steps apply in training only")
public sealed interface PreprocessingSpec
    permits NormalizeSpec, RandomBrightnessSpec, RandomContrastSpec, RandomCropSpec, RandomFlipSpec, RescaleSpec {
  /** Whether the step draws random numbers: it applies to training batches only. */
  default boolean random() {
    return false;
  }
}
