package io.inscope.modules.data;

import io.inscope.modules.data.internal.Suggestions;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * An immutable in-memory dataset: {@link #size()} examples, each a feature tensor of {@link
 * #featureShape()} (= {@code model.input.shape}) and a label tensor of {@link #labelShape()} ({@code
 * []} for a class id or a scalar target). Features and labels are stored as {@code float}s, row
 * after row; class ids and token ids are small integers and exact in a float.
 *
 * <p>Each example knows where it came from ({@link #origin}) for messages about its label. When
 * the labels were written as text (CSV), the text of each is kept, so that another split's class
 * names can be mapped to the training split's ids ({@link #withClasses}).
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
  private final Origins origins;
  private final IntFunction<String> labelTexts;

  /** Takes ownership of both arrays; sources hand over arrays nobody else holds. */
  Examples(float[] features, long[] featureShape, float[] labels, long[] labelShape, List<String> classNames, int numClasses) {
    this(features, featureShape, labels, labelShape, classNames, numClasses, Origins.counted(), null);
  }

  /**
   * Takes ownership of both arrays.
   *
   * @param origins where each example came from
   * @param labelTexts the label of each example as the file wrote it, or null when the labels
   *     were not text; with class names, derived from them when null
   */
  Examples(float[] features, long[] featureShape, float[] labels, long[] labelShape, List<String> classNames,
      int numClasses, Origins origins, IntFunction<String> labelTexts) {
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
    this.origins = origins;
    this.labelTexts = labelTexts != null || this.classNames.isEmpty() ? labelTexts
        : i -> this.classNames.get((int) this.labels[i]);
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

  /** Where example {@code example} came from: {@code /x/iris.csv:17: column 'species'}. */
  public String origin(int example) {
    return origins.of(example);
  }

  /** Element {@code element} of example {@code example}'s label. */
  public float label(int example, int element) {
    return labels[example * labelElements + element];
  }

  /** Whether each label's text is known (labels read as text, or class names). */
  public boolean hasLabelTexts() {
    return labelTexts != null;
  }

  /** The label of {@code example} as its file wrote it; only when {@link #hasLabelTexts()}. */
  public String labelText(int example) {
    return labelTexts.apply(example);
  }

  /**
   * These examples with each label's text mapped to its id in {@code classes}, whatever ids this
   * split gave them.
   *
   * @param where the spec path of errors, e.g. {@code data.eval.csv}
   * @param from where {@code classes} come from, for the message: {@code the training split}
   * @param wayOut what to do about an unknown label, for the message
   * @throws DataException for a label that is not one of {@code classes}, naming its example's
   *     origin and the nearest class name; or when the labels are not text
   */
  public Examples withClasses(ClassNames classes, String where, String from, String wayOut) throws DataException {
    if (size == 0) {
      return new Examples(features, featureShape, labels, labelShape, classes.names(), classes.size(), origins, labelTexts);
    }
    if (labelTexts == null || labelElements != 1) {
      throw new DataException(where, origin(0) + ": the labels are " + (labelElements == 1 ? "numbers" : "arrays")
          + " but " + from + " names classes (" + listed(classes) + "); give this split class names as labels too");
    }
    float[] ids = new float[size];
    for (int i = 0; i < size; i++) {
      String text = labelText(i);
      int id = classes.id(text);
      if (id < 0) {
        throw new DataException(where, origin(i) + ": unknown label '" + text + "': not a class of " + from + " ("
            + listed(classes) + ")" + Suggestions.didYouMean(text, classes.names())
            + "; " + wayOut);
      }
      ids[i] = id;
    }
    return new Examples(features, featureShape, ids, labelShape, classes.names(), classes.size(), origins,
        labelTexts);
  }

  private static String listed(ClassNames classes) {
    int shown = Math.min(classes.size(), 20);
    String list = String.join(", ", classes.names().subList(0, shown));
    return classes.size() > shown ? list + ", ... " + (classes.size() - shown) + " more" : list;
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

  /**
   * Every {@code count}-th example from {@code index}, in order: one task's share of a split held
   * in memory ({@link Shards#examples}). Origins and label texts are those of the examples kept.
   */
  Examples shard(int index, int count) {
    int n = size <= index ? 0 : (size - index + count - 1) / count;
    float[] f = new float[n * featureElements];
    float[] l = new float[n * labelElements];
    for (int j = 0; j < n; j++) {
      int i = index + j * count;
      System.arraycopy(features, i * featureElements, f, j * featureElements, featureElements);
      System.arraycopy(labels, i * labelElements, l, j * labelElements, labelElements);
    }
    IntFunction<String> texts = labelTexts == null ? null : j -> labelTexts.apply(index + j * count);
    return new Examples(f, featureShape, l, labelShape, classNames, numClasses, j -> origins.of(index + j * count), texts);
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
    return new Examples(scaled, featureShape, labels, labelShape, classNames, numClasses, origins, labelTexts);
  }

  /**
   * These examples' labels, class names and origins with other features (takes ownership of the
   * array): an image split listed by file number ({@link ImageList#index()}) given its pixels.
   */
  Examples withFeatures(float[] features, long[] featureShape) {
    return new Examples(features, featureShape, labels, labelShape, classNames, numClasses, origins, labelTexts);
  }

  /**
   * These examples with {@code transform} run on a copy of all features ({@code size × featureElements}
   * values, row after row): a split's preprocessing ({@link Preprocessing#applyTo}).
   */
  Examples mapFeatures(java.util.function.Consumer<float[]> transform) {
    float[] copy = features.clone();
    transform.accept(copy);
    return new Examples(copy, featureShape, labels, labelShape, classNames, numClasses, origins, labelTexts);
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
