package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.TfrecordSpec;
import io.inscope.configs.layers.ModelInput;
import io.inscope.modules.data.internal.ExampleParser;
import io.inscope.modules.data.internal.Globs;
import io.inscope.modules.data.internal.SplitMix64;
import io.inscope.modules.data.internal.TfRecordReader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.tensorflow.proto.Feature;

/**
 * A {@code tfrecord} training split streamed from its files ({@code cache: false}), in memory
 * bounded by the shuffle buffer whatever the files hold (two buffers while one epoch drains and the
 * next fills: {@link StreamCursor}): tf.data's
 *
 * <pre>
 * files = Dataset.list_files(paths, shuffle=True, seed)   # file order reshuffled each epoch
 * files.shard(tasks, task)                               # AutoShardPolicy.FILE
 *      .interleave(TFRecordDataset, cycle_length=num_parallel_reads, block_length=1)
 *      .map(parse).shuffle(shuffle, seed, reshuffle_each_iteration=True).batch(b, drop_remainder=True)
 * </pre>
 *
 * <p>Each open file has its own reader thread, which parses (and decodes images) ahead of the
 * training step, straight from the record bytes for numeric features ({@link ExampleParser}), and
 * hands rows over in chunks (one hand-off per 64 records, not one per record); records are taken from the open files in turn ({@code Interleave}) and pass
 * through a buffer of {@code shuffle} examples exactly as {@link BatchPlan} shuffles an in-memory
 * split (same picks from the same seed: one file read by one reader gives the same batches as
 * {@code cache: true}).
 *
 * <p>The position is derived from the global step alone, so a resumed run is bit-identical to an
 * uninterrupted one without storing reader state: the records of each file are counted once when
 * the stream opens (by their length headers; an uncompressed file is seeked over), which fixes each
 * epoch's file order and interleaving; the shuffle's picks of the epoch's earlier steps are
 * replayed over record positions only, which says which records are in the buffer; the readers
 * then skip (without parsing) every earlier record that is not, and parse those that are.
 */
public final class TfrecordStream implements TrainingData {
  // Separates the file-order stream from the example shuffle (BatchPlan.SHUFFLE) of the same seed.
  static final long FILES = 0x46494c4553L;

  private final TfrecordSpec spec;
  private final String where;
  private final List<Path> files;
  private final long[] counts;
  private final long size;
  private final int batchSize;
  private final int shuffle;
  private final int readers;
  private final long seed;
  private final double scale;
  private final List<String> featureNames;
  private final long[] featureShape;
  private final long[] labelShape;
  private final int featureElements;
  private final int labelElements;
  private volatile LabelCheck labelCheck = (labels, offset, origin) -> {};

  /** Checks one example's label values as it is read (the loss's rules), naming its origin. */
  @FunctionalInterface
  public interface LabelCheck {
    /** @param origin where the example comes from, made only for a message */
    void check(float[] labels, int offset, Supplier<String> origin) throws DataException;
  }

  private TfrecordStream(TfrecordSpec spec, String where, List<Path> files, long[] counts, DataSplitSpec split, int batchSize,
      int shuffle, int readers, long seed, List<String> featureNames, InputSpec input) {
    this.spec = spec;
    this.where = where;
    this.files = List.copyOf(files);
    this.counts = counts;
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    this.size = n;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.readers = readers;
    this.seed = seed;
    this.scale = split.scale();
    this.featureNames = List.copyOf(featureNames);
    this.featureShape = input.shape().stream().mapToLong(Integer::longValue).toArray();
    this.labelShape = spec.features().get(spec.label()).shape().stream().mapToLong(Integer::longValue).toArray();
    this.featureElements = (int) input.elements();
    this.labelElements = (int) TfrecordSource.elements(spec.features().get(spec.label()));
  }

  /**
   * Opens this task's share of a streamed split: lists its files, keeps this task's ({@link
   * Shards#files}), and counts their records.
   *
   * @param where the split's spec path, e.g. {@code data.train}; errors are under it
   * @throws DataException for a missing or damaged file, features that do not add up to {@code
   *     model.input}, fewer files than tasks, or fewer records than one batch
   */
  public static TfrecordStream open(String where, DataSplitSpec split, InputSpec input, long seed, Shards shards)
      throws DataException {
    return open(where, split, Map.of(ModelInput.NAME, input), seed, shards);
  }

  /**
   * As {@link #open(String, DataSplitSpec, InputSpec, long, Shards)} for a model's named inputs:
   * the features are chosen as {@link TfrecordSource} chooses them (each input the feature of its
   * name, or every feature but the label in name order).
   */
  public static TfrecordStream open(String where, DataSplitSpec split, Map<String, InputSpec> inputs, long seed,
      Shards shards) throws DataException {
    TfrecordSpec spec = (TfrecordSpec) split.source();
    String kind = where + ".tfrecord";
    List<String> names = featureNames(where, spec, inputs);
    List<Path> files = shards.files(Globs.expand(spec.paths(), kind + ".paths"), kind + ".paths");
    long[] counts = counts(spec, files, kind);
    // each task trains its share of the global batch on its share of the files
    if (split.batchSize() % shards.count() != 0) {
      throw new DataException(where + ".batch_size", split.batchSize() + " does not divide evenly over "
          + shards.count() + " tasks (each task trains batch_size / tasks examples per step)");
    }
    int batch = split.batchSize() / shards.count();
    TfrecordStream stream = new TfrecordStream(spec, kind, files, counts, split, batch, split.shuffle(),
        spec.numParallelReads(), seed, names, ModelSpec.featureRow(inputs));
    if (stream.size < batch) {
      throw new DataException(where + ".batch_size", batch + (shards.count() > 1 ? " (batch_size / tasks)" : "")
          + " is more than the " + stream.size
          + " training examples" + (shards.count() > 1 ? " of task " + shards.index() + "'s files" : "")
          + "; the last partial batch is dropped, so no step could run: set batch_size to at most " + stream.size);
    }
    return stream;
  }

  /**
   * Every file of a split in sorted order, each read from its first record to its last, one file
   * after the other: no shuffle, one reader, whatever {@code shuffle} and {@code num_parallel_reads}
   * say; the order {@link TfrecordSource} reads the split into memory ({@link EvalStream}).
   */
  static TfrecordStream sequential(String where, DataSplitSpec split, Map<String, InputSpec> inputs) throws DataException {
    TfrecordSpec spec = (TfrecordSpec) split.source();
    String kind = where + ".tfrecord";
    List<String> names = featureNames(where, spec, inputs);
    List<Path> files = Globs.expand(spec.paths(), kind + ".paths");
    return new TfrecordStream(spec, kind, files, counts(spec, files, kind), split, split.batchSize(), 0, 1, 0, names,
        ModelSpec.featureRow(inputs));
  }

  private static long[] counts(TfrecordSpec spec, List<Path> files, String kind) throws DataException {
    long[] counts = new long[files.size()];
    for (int f = 0; f < files.size(); f++) {
      counts[f] = TfRecordReader.count(files.get(f), spec.compressionOf(files.get(f).toString()), kind);
    }
    return counts;
  }

  /** The features of a row in order, chosen as {@link TfrecordSource} chooses them. */
  private static List<String> featureNames(String where, TfrecordSpec spec, Map<String, InputSpec> inputs)
      throws DataException {
    String kind = where + ".tfrecord";
    InputSpec input = ModelSpec.featureRow(inputs);
    List<String> names;
    if (TfrecordSource.byName(spec, inputs)) {
      try {
        names = TfrecordSource.featuresOf(spec, inputs);
      } catch (DataException e) {
        throw e.under(where);
      }
    } else {
      TreeSet<String> sorted = new TreeSet<>(spec.features().keySet());
      sorted.remove(spec.label());
      long elements = 0;
      for (String name : sorted) {
        elements += TfrecordSource.elements(spec.features().get(name));
      }
      if (elements != input.elements()) {
        throw new DataException(kind + ".features", "features " + sorted + " hold " + elements
            + " values but model.input.shape " + input.shape() + " has " + input.elements()
            + "; declare the features' shapes so that they add up to model.input, or change model.input.shape");
      }
      names = List.copyOf(sorted);
    }
    return names;
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public int batchSize() {
    return batchSize;
  }

  @Override
  public long stepsPerEpoch() {
    return size / batchSize;
  }

  @Override
  public long[] featureShape() {
    return featureShape.clone();
  }

  @Override
  public long[] labelShape() {
    return labelShape.clone();
  }

  /**
   * Checks every record's label as the readers parse it (a streamed split is not read before
   * training, so its labels cannot be checked first); set before the first cursor opens.
   */
  public void checkLabels(LabelCheck check) {
    this.labelCheck = check;
  }

  /** The label feature's origin of record {@code record} of file {@code file}, for messages. */
  String origin(int file, long record) {
    return files.get(file) + ": record " + record + " (counting from 0): feature '" + spec.label() + "'";
  }

  LabelCheck labelCheck() {
    return labelCheck;
  }

  /** This task's files, in sorted order. */
  public List<Path> files() {
    return files;
  }

  /** Records per file, as counted when the stream opened. */
  long[] counts() {
    return counts;
  }

  int shuffle() {
    return shuffle;
  }

  long seed() {
    return seed;
  }

  int readers() {
    return readers;
  }

  TfRecordReader reader(int file) throws DataException {
    Path path = files.get(file);
    return new TfRecordReader(path, spec.compressionOf(path.toString()), where);
  }

  String where() {
    return where;
  }

  /**
   * The file order of epoch {@code epoch}: sorted when the split is not shuffled, else a
   * permutation drawn from (seed, epoch), as {@code list_files(shuffle=True)} reshuffles each epoch.
   */
  int[] fileOrder(long epoch) {
    int[] order = new int[files.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (shuffle > 1) {
      SplitMix64 random = SplitMix64.forKeys(seed, FILES, epoch);
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
    }
    return order;
  }

  /**
   * A parser of this split's records for one reader thread ({@link ExampleParser}: numeric
   * features read from the bytes), or null when a feature is an encoded image (read with protobuf).
   */
  ExampleParser parser() {
    return TfrecordSource.parser(spec, featureNames);
  }

  /**
   * One record ({@code record[0, length)}) as a row in {@code dst} from {@code at} (every value
   * written): the features (scaled) then the label. Read by {@code parser} when it can (null for
   * none), else with protobuf, which reads what it does not or names what is wrong.
   */
  void row(byte[] record, int length, TfRecordReader reader, ExampleParser parser, float[] dst, int at)
      throws DataException {
    if (parser == null || !parser.parse(record, length, dst, at)) {
      Map<String, Feature> map = TfrecordSource.parse(Arrays.copyOf(record, length), reader).getFeatures().getFeatureMap();
      int to = at;
      for (String name : featureNames) {
        to = TfrecordSource.fill(map, name, spec.features().get(name), dst, to, reader);
      }
      TfrecordSource.fill(map, spec.label(), spec.features().get(spec.label()), dst, to, reader);
    }
    if (scale != 1.0) {
      for (int i = at; i < at + featureElements; i++) {
        dst[i] = (float) (dst[i] * scale);
      }
    }
  }

  int featureWidth() {
    return featureElements;
  }

  int labelWidth() {
    return labelElements;
  }

  @Override
  public BatchCursor cursorAt(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0 (got " + step + ")");
    }
    return new StreamCursor(this, step);
  }
}
