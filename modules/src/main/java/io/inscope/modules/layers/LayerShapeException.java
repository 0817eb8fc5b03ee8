package io.inscope.modules.layers;

/**
 * A layer cannot take the shape of its input (a reshape that does not preserve the element count,
 * a kernel larger than the image with {@code valid} padding). A user error in {@code model.layers}:
 * the message names the layer, what it got and the way out.
 */
public final class LayerShapeException extends IllegalArgumentException {
  public LayerShapeException(String layer, String message) {
    super(layer + ": " + message);
  }
}
