package io.inscope.modules.data;

import java.util.Arrays;
import java.util.List;

/**
 * An immutable in-memory dataset: {@link #size()} examples, each a feature tensor of {@link
 * #featureShape()} (= {@code model.input.shape}) and a label tensor of {@link #labelShape()} ({@code
 * []} for a class id or a scalar target). Features and labels are stored as {@code float}s, row
 * after row; class ids and token ids are small integers and exact in a float.
 *
 * <p>The copy methods never allocate: the training loop gathers a batch with {@link #gather} into
 * buffers it reuses.
 */
public final class Examples {
  private final int size;
  private final float[] features;
  private final long[] featureShape;
  private final int featureElements;
  private final float[] labels;
  private final long[] labelShape;
  private final int labelElements;
  private final List<String> classNames;
  private final int numClasses;

  /** Takes ownership of both arrays; sources hand over arrays nobody else holds. */
  Examples(float[] features, long[] featureShape, float[] labels, long[] labelShape, List<String> classNames, int numClasses) {
    this.featureShape = featureShape.clone();
    this.labelShape = labelShape.clone();
    this.featureElements = elements(featureShape);
    this.labelElements = elements(labelShape);
    if (featureElements == 0 || features.length % featureElements != 0) {
      throw new IllegalArgumentException(features.length + " feature values do not form whole examples of shape " + Arrays.toString(featureShape));
    }
    this.size = features.length / featureElements;
    if (labels.length != (long) size * labelElements) {
      throw new IllegalArgumentException(labels.length + " label values for " + size + " examples of label shape " + Arrays.toString(labelShape));
    }
    if (!classNames.isEmpty() && classNames.size() != numClasses) {
      throw new IllegalArgumentException(classNames.size() + " class names for " + numClasses + " classes");
    }
    this.features = features;
    this.labels = labels;
    this.classNames = List.copyOf(classNames);
    this.numClasses = numClasses;
  }

  /**
   * Examples from copies of the given row-major arrays.
   *
   * @param classNames the name of each class id, or empty
   * @param numClasses the number of classes, or -1 when not known
   */
  public static Examples of(float[] features, long[] featureShape, float[] labels, long[] labelShape, List<String> classNames, int numClasses) {
    return new Examples(features.clone(), featureShape, labels.clone(), labelShape, classNames, numClasses);
  }

  public int size() {
    return size;
  }

  public long[] featureShape() {
    return featureShape.clone();
  }

  public int featureElements() {
    return featureElements;
  }

  public long[] labelShape() {
    return labelShape.clone();
  }

  public int labelElements() {
    return labelElements;
  }

  /** For string labels, the class names in class-id order (sorted); otherwise empty. */
  public List<String> classNames() {
    return classNames;
  }

  /** The number of classes when the source knows it (string labels, synthetic data), else -1. */
  public int numClasses() {
    return numClasses;
  }

  public void copyFeatures(int example, float[] dst, int dstOffset) {
    System.arraycopy(features, example * featureElements, dst, dstOffset, featureElements);
  }

  public void copyLabels(int example, float[] dst, int dstOffset) {
    System.arraycopy(labels, example * labelElements, dst, dstOffset, labelElements);
  }

  /**
   * Copies examples {@code order[from] .. order[from + count - 1]} into the first {@code count}
   * rows of {@code features} and {@code labels}.
   */
  public void gather(int[] order, int from, int count, float[] features, float[] labels) {
    gather(order, from, count, features, labels, 0);
  }

  /** As {@link #gather(int[], int, int, float[], float[])}, into rows {@code dstRow ..} of the arrays. */
  public void gather(int[] order, int from, int count, float[] features, float[] labels, int dstRow) {
    int fe = featureElements;
    int le = labelElements;
    for (int i = 0; i < count; i++) {
      int example = order[from + i];
      System.arraycopy(this.features, example * fe, features, (dstRow + i) * fe, fe);
      System.arraycopy(this.labels, example * le, labels, (dstRow + i) * le, le);
    }
  }

  /** Copies examples {@code from .. from + count - 1}, in file order, as {@link #gather} does. */
  public void slice(int from, int count, float[] features, float[] labels) {
    System.arraycopy(this.features, from * featureElements, features, 0, count * featureElements);
    System.arraycopy(this.labels, from * labelElements, labels, 0, count * labelElements);
  }

  /** These examples with every feature multiplied by {@code factor} ({@code data.*.scale}). */
  public Examples scaled(double factor) {
    if (factor == 1.0) {
      return this;
    }
    float[] scaled = new float[features.length];
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = (float) (features[i] * factor);
    }
    return new Examples(scaled, featureShape, labels, labelShape, classNames, numClasses);
  }

  private static int elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n < 0 || n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has too many elements");
    }
    return (int) n;
  }
}
