package io.inscope.modules.layers;

/**
 * A layer cannot take the shape of its input (a reshape that does not preserve the element count,
 * a kernel larger than the image with {@code valid} padding, a merge of {@code [8]} and {@code
 * [9]}). A user error in {@code model.layers}: the message names the layer, what it got and the way
 * out; {@link #path()} is where the layer was written, once the model knows it.
 */
public final class LayerShapeException extends IllegalArgumentException {
  private final String layer;
  private final String detail;
  private final String path;

  public LayerShapeException(String layer, String message) {
    this(layer, message, null);
  }

  private LayerShapeException(String layer, String detail, String path) {
    super(layer + ": " + detail);
    this.layer = layer;
    this.detail = detail;
    this.path = path;
  }

  /** The same error, located at the dotted path of the layer ({@code model.layers[3].add}). */
  public LayerShapeException at(String layerPath) {
    LayerShapeException e = new LayerShapeException(layer, detail, layerPath);
    e.setStackTrace(getStackTrace());
    return e;
  }

  public String layer() {
    return layer;
  }

  /** The message without the layer name. */
  public String detail() {
    return detail;
  }

  /** The dotted path of the layer in the job file, or null. */
  public String path() {
    return path;
  }
}
