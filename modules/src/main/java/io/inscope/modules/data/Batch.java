package io.inscope.modules.data;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

/**
 * One slot of {@link BatchPrefetcher}: the global batches of {@link #steps()} consecutive training
 * steps from {@link #step()}, {@link #count()} rows each, row-major and one after the other, in
 * arrays and (when the prefetcher stages tensors) in feed tensors of {@code [maxSteps × count,
 * ...]} rows, the split's {@link Preprocessing} applied. Rows after the staged steps hold earlier data. Owned by the prefetcher: do not keep.
 */
public final class Batch implements AutoCloseable {
  private final float[] features;
  private final float[] labels;
  private final int count;
  private final FloatDataBuffer featureView;
  private final FloatDataBuffer labelView;
  private final TFloat32 featureTensor;
  private final TFloat32 labelTensor;
  private long step;
  private int steps;

  Batch(int count, int maxSteps, TrainingData data, boolean tensors) {
    this.count = count;
    int rows = count * maxSteps;
    this.features = new float[rows * data.featureElements()];
    this.labels = new float[rows * data.labelElements()];
    this.featureView = DataBuffers.of(features, true, false);
    this.labelView = DataBuffers.of(labels, true, false);
    this.featureTensor = tensors ? TFloat32.tensorOf(shape(rows, data.featureShape())) : null;
    this.labelTensor = tensors ? TFloat32.tensorOf(shape(rows, data.labelShape())) : null;
  }

  void fill(BatchCursor cursor, int steps, Preprocessing preprocessing) throws DataException, InterruptedException {
    this.step = cursor.step();
    this.steps = steps;
    for (int i = 0; i < steps; i++) {
      long global = cursor.step();
      cursor.next(features, labels, i * count);
      preprocessing.apply(features, i * count, count, global);
    }
    if (featureTensor != null) {
      featureTensor.copyFrom(featureView);
      labelTensor.copyFrom(labelView);
    }
  }

  /** {@code count() * featureElements} values per step; owned by the prefetcher, do not keep. */
  public float[] features() {
    return features;
  }

  /** {@code count() * labelElements} values per step; owned by the prefetcher, do not keep. */
  public float[] labels() {
    return labels;
  }

  /** The features as a feed tensor {@code [maxSteps × count, input...]}. */
  public TFloat32 featureTensor() {
    return featureTensor;
  }

  /** The labels as a feed tensor {@code [maxSteps × count, label...]}. */
  public TFloat32 labelTensor() {
    return labelTensor;
  }

  /** Rows per step: the global batch size. */
  public int count() {
    return count;
  }

  /** The global step of the first staged batch. */
  public long step() {
    return step;
  }

  /** How many steps' batches are staged. */
  public int steps() {
    return steps;
  }

  @Override
  public void close() {
    if (featureTensor != null) {
      featureTensor.close();
      labelTensor.close();
    }
  }

  private static Shape shape(long rows, long[] example) {
    long[] dims = new long[example.length + 1];
    dims[0] = rows;
    System.arraycopy(example, 0, dims, 1, example.length);
    return Shape.of(dims);
  }
}
