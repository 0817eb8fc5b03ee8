package io.inscope.modules.data;

import io.inscope.modules.data.internal.ParallelImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * An image split listed but not decoded ({@code cache: false} of {@code image_folder} and {@code
 * image_csv}): its files, and an {@link #index()} of examples whose labels, class names and
 * origins are exactly those {@code cache: true} loads, and whose one feature is the number of the
 * example's file. The index is renumbered by the run's classes and sharded between tasks as a split
 * held in memory is ({@link Examples#withClasses}, {@link Shards#examples}); batches then follow
 * the same {@link BatchPlan} ({@link #training}), or file order ({@link #evaluation}), and each
 * batch's images are decoded and resized when it is prepared ({@link ParallelImages#decodeInto},
 * the code {@code cache: true} decodes with), then scaled as {@link Examples#scaled} does. So a
 * streamed run's batches, and its weights and metrics, are bit-identical to {@code cache: true}'s,
 * and only the batches in flight hold pixels.
 *
 * <p>An image that does not decode fails the batch that reads it, with the message {@code cache:
 * true} gives before training (the file named; the CSV line too).
 */
public final class ImageList {
  /** Larger file numbers are not exact in a float feature. */
  static final int MAX_FILES = 1 << 24;

  /** The error of a file that failed: {@code cache: true}'s message for it. */
  @FunctionalInterface
  interface Failures {
    DataException of(int file, ParallelImages.Failure failure);
  }

  private final List<Path> files;
  private final Examples index;
  private final long[] featureShape;
  private final int channels;
  private final int height;
  private final int width;
  private final double scale;
  private final Failures failures;

  private ImageList(List<Path> files, Examples index, long[] featureShape, int channels, int height, int width, double scale,
      Failures failures) {
    this.files = files;
    this.index = index;
    this.featureShape = featureShape;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.scale = scale;
    this.failures = failures;
  }

  /**
   * @param files the images, example {@code i}'s at {@code i}
   * @param labels examples of feature shape {@code [1]} as made by {@link #fileNumbers}, with the
   *     labels, class names and origins of the decoded split
   * @param featureShape {@code model.input.shape}: {@code [height, width, channels]} values
   * @param failures the message of a file that fails
   */
  static ImageList of(List<Path> files, Examples labels, long[] featureShape, int channels, int height, int width,
      Failures failures) {
    return new ImageList(List.copyOf(files), labels, featureShape.clone(), channels, height, width, 1.0, failures);
  }

  /** The feature of each of {@code n} examples: its file number {@code 0 .. n - 1}. */
  static float[] fileNumbers(int n, String kind) throws DataException {
    if (n > MAX_FILES) {
      throw new DataException(kind, n + " images are more than cache: false can number (" + MAX_FILES
          + "); split the data into several folders or CSV files, or use cache: true");
    }
    float[] numbers = new float[n];
    for (int i = 0; i < n; i++) {
      numbers[i] = i;
    }
    return numbers;
  }

  /** The examples without pixels: labels, class names and origins; each one's feature is its file number. */
  public Examples index() {
    return index;
  }

  /** The same files with another index: renumbered by the run's classes, or one task's share. */
  public ImageList withIndex(Examples other) {
    return new ImageList(files, other, featureShape, channels, height, width, scale, failures);
  }

  /** The images multiplied by {@code factor} when decoded, as {@link Examples#scaled}. */
  ImageList scaled(double factor) {
    return new ImageList(files, index, featureShape, channels, height, width, factor, failures);
  }

  /** Errors of decoding under a parent spec path ({@link DataException#under}). */
  ImageList under(String parent) {
    Failures inner = failures;
    return new ImageList(files, index, featureShape, channels, height, width, scale, (file, f) -> inner.of(file, f).under(parent));
  }

  /** The error of file {@code file}: {@code cache: true}'s message for it. */
  DataException failure(int file, ParallelImages.Failure f) {
    return failures.of(file, f);
  }

  /** The images, by file number. */
  public List<Path> files() {
    return files;
  }

  /** The examples' count. */
  public int size() {
    return index.size();
  }

  public long[] featureShape() {
    return featureShape.clone();
  }

  /**
   * Decodes the images of {@code rows} file numbers into rows {@code dstRow ..} of {@code out},
   * scaled.
   */
  void decode(float[] fileNumbers, int rows, float[] out, int dstRow) throws DataException {
    int size = height * width * channels;
    try {
      ParallelImages.decodeInto(rows, i -> Files.readAllBytes(files.get((int) fileNumbers[i])), channels, height, width,
          out, dstRow * size);
    } catch (ParallelImages.Failure f) {
      throw failures.of((int) fileNumbers[f.index()], f);
    }
    if (scale != 1.0) {
      for (int i = dstRow * size, end = (dstRow + rows) * size; i < end; i++) {
        out[i] = (float) (out[i] * scale);
      }
    }
  }

  /** The training split: the batches of {@code plan} over {@link #index()}, decoded as they are prepared. */
  public TrainingData training(BatchPlan plan) {
    if (plan.size() != index.size()) {
      throw new IllegalArgumentException("the plan is for " + plan.size() + " examples, not " + index.size());
    }
    int batch = plan.batchSize();
    return TrainingData.planned(plan, featureShape, index.labelShape(), () -> {
      float[] numbers = new float[batch];
      float[] labels = new float[batch * index.labelElements()];
      return (cursor, features, dstLabels, dstRow) -> {
        // the file numbers and labels of the step's examples, as cache: true gathers them
        cursor.next(index, numbers, labels, 0);
        decode(numbers, batch, features, dstRow);
        System.arraycopy(labels, 0, dstLabels, dstRow * index.labelElements(), labels.length);
      };
    });
  }

  /**
   * The evaluation split: every example once, in order, decoded a batch at a time, with {@code
   * steps} (the split's inference preprocessing, one per pass) applied to each batch.
   */
  public Eval evaluation(Supplier<Preprocessing> steps) {
    return new Eval(this, steps);
  }

  /** An image split streamed for evaluation ({@link #evaluation}). */
  public static final class Eval implements EvalData {
    private final ImageList list;
    private final Supplier<Preprocessing> steps;

    private Eval(ImageList list, Supplier<Preprocessing> steps) {
      this.list = list;
      this.steps = steps;
    }

    /** The examples without pixels, for checking their labels before training. */
    public Examples labels() {
      return list.index;
    }

    @Override
    public long size() {
      return list.index.size();
    }

    @Override
    public long[] featureShape() {
      return list.featureShape.clone();
    }

    @Override
    public long[] labelShape() {
      return list.index.labelShape();
    }

    @Override
    public Reader open() {
      Preprocessing pass = steps.get();
      return new Reader() {
        private int next;
        private float[] numbers = new float[0];

        @Override
        public void read(float[] features, float[] labels, int rows) throws DataException {
          if (numbers.length < rows) {
            numbers = new float[rows];
          }
          list.index.slice(next, rows, numbers, labels);
          list.decode(numbers, rows, features, 0);
          next += rows;
          if (!pass.isEmpty()) {
            pass.apply(features, 0, rows, 0);
          }
        }

        @Override
        public void close() {}
      };
    }
  }
}
