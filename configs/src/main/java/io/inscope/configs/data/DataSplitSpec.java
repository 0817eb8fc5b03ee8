package io.inscope.configs.data;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Inline;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Range;
import java.util.List;

/**
 * One split: a source kind written among the split's own keys, and how it is batched.
 *
 * <pre>
 * train:
 *   idx: {images: train-images-idx3-ubyte.gz, labels: train-labels-idx1-ubyte.gz}
 *   preprocessing: [{rescale: 1/255}, {random_flip: horizontal}]
 *   shuffle: 10000
 *   batch_size: 32
 * </pre>
 *
 * <p>{@code preprocessing} ({@link PreprocessingSpec}) runs after {@code scale}, in list order. Left
 * out of {@code data.eval}, the evaluation split takes the training split's steps that are not
 * random ({@link DataSpec}), so both feed the model alike; random steps apply to training only.
 */
public record DataSplitSpec(
    @Doc("the source: exactly one of idx, csv, tfrecord, image_folder, text, synthetic") @Inline SourceSpec source,
    @Doc("multiplies every feature") @Default("1.0") double scale,
    @Doc("steps applied in order after scale: rescale, normalize, random_flip, random_crop, random_brightness,"
        + " random_contrast; random ones in training only; left out of eval = train's steps that are not random")
        @OptionalKey
        List<PreprocessingSpec> preprocessing,
    @Doc("shuffle buffer size; 0 = no shuffle; >= the example count = a full shuffle each epoch")
        @Default("0")
        @Range(min = 0)
        int shuffle,
    @Doc("GLOBAL batch size, split evenly over the replicas") @Range(min = 1) int batchSize) {
  public DataSplitSpec {
    preprocessing = preprocessing == null ? null : List.copyOf(preprocessing);
  }

  /** A split without preprocessing steps. */
  public DataSplitSpec(SourceSpec source, double scale, int shuffle, int batchSize) {
    this(source, scale, null, shuffle, batchSize);
  }

  /** The preprocessing steps, empty when the file gives none. */
  public List<PreprocessingSpec> steps() {
    return preprocessing == null ? List.of() : preprocessing;
  }

  /** The steps that are not random: what evaluation, prediction and the exported model apply. */
  public List<PreprocessingSpec> fixedSteps() {
    return steps().stream().filter(s -> !s.random()).toList();
  }

  /** This split with {@code preprocessing} replaced. */
  public DataSplitSpec withPreprocessing(List<PreprocessingSpec> steps) {
    return new DataSplitSpec(source, scale, steps, shuffle, batchSize);
  }
}
