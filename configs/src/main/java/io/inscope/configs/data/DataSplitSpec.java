package io.inscope.configs.data;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Inline;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Range;
import io.inscope.configs.SpecException;
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
 * train:
 *   tfrecord: {paths: [data/train-*.tfrecord], features: {...}, label: label}
 *   cache: false          # stream the files through the shuffle buffer, never all in memory
 *   shuffle: 10000
 *   batch_size: 128
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>scale</td><td>1.0</td><td>multiplies every feature</td></tr>
 *   <tr><td>shuffle</td><td>0</td><td>shuffle buffer size, as {@code tf.data.Dataset.shuffle(buffer_size)},
 *       reshuffled each epoch from the job seed</td></tr>
 *   <tr><td>batch_size</td><td>required</td><td>the global batch size</td></tr>
 *   <tr><td>cache</td><td>true</td><td>true: the split is read whole into memory before the first step (every
 *       record checked up front, the fastest steps); false ({@code tfrecord}, {@code image_folder} and
 *       {@code image_csv} splits): the files are streamed, so memory does not grow with the data: a
 *       {@code tfrecord} training split read in parallel and shuffled through the bounded {@code shuffle}
 *       buffer, an eval split read in sorted file order at each evaluation (the batches, and metrics, of
 *       {@code cache: true}); an image split's files and labels are listed first and each batch's images
 *       decoded as it is prepared, in exactly the batches of {@code cache: true}</td></tr>
 * </table>
 *
 * <p>{@code preprocessing} ({@link PreprocessingSpec}) runs after {@code scale}, in list order. Left
 * out of {@code data.eval}, the evaluation split takes the training split's steps that are not
 * random ({@link DataSpec}), so both feed the model alike; random steps apply to training only.
 */
public record DataSplitSpec(
    @Doc("the source: exactly one of idx, csv, tfrecord, image_folder, image_csv, text, synthetic") @Inline SourceSpec source,
    @Doc("multiplies every feature") @Default("1.0") double scale,
    @Doc("steps applied in order after scale: rescale, normalize, random_flip, random_crop, random_brightness,"
        + " random_contrast; random ones in training only; left out of eval = train's steps that are not random")
        @OptionalKey
        List<PreprocessingSpec> preprocessing,
    @Doc("shuffle buffer size; 0 = no shuffle; >= the example count = a full shuffle each epoch")
        @Default("0")
        @Range(min = 0)
        int shuffle,
    @Doc("GLOBAL batch size, split evenly over the replicas") @Range(min = 1) int batchSize,
    @Doc("true: read the split whole into memory before training (every record checked first, fastest steps);"
        + " false: stream tfrecord files (train: through the shuffle buffer; eval: in file order at each evaluation)"
        + " or image_folder / image_csv images (listed first, decoded batch by batch in the batches of cache: true),"
        + " memory bounded whatever the data's size")
        @Default("true")
        boolean cache) {
  /** {@code cache} when the file leaves it out: in memory, as before streaming existed. */
  public static final boolean DEFAULT_CACHE = true;

  public DataSplitSpec {
    preprocessing = preprocessing == null ? null : List.copyOf(preprocessing);
    if (!cache && !(source instanceof TfrecordSpec || source instanceof ImageFolderSpec || source instanceof ImageCsvSpec)) {
      throw new SpecException("cache", "false streams tfrecord, image_folder and image_csv sources only; this source is"
          + " read whole into memory (remove cache, or write the data as TFRecord files to stream it)");
    }
  }

  /** A split without preprocessing steps, read into memory ({@link #DEFAULT_CACHE}). */
  public DataSplitSpec(SourceSpec source, double scale, int shuffle, int batchSize) {
    this(source, scale, null, shuffle, batchSize, DEFAULT_CACHE);
  }

  /** A split read into memory ({@link #DEFAULT_CACHE}). */
  public DataSplitSpec(SourceSpec source, double scale, List<PreprocessingSpec> preprocessing, int shuffle, int batchSize) {
    this(source, scale, preprocessing, shuffle, batchSize, DEFAULT_CACHE);
  }

  /** A split without preprocessing steps. */
  public DataSplitSpec(SourceSpec source, double scale, int shuffle, int batchSize, boolean cache) {
    this(source, scale, null, shuffle, batchSize, cache);
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
    return new DataSplitSpec(source, scale, steps, shuffle, batchSize, cache);
  }
}
