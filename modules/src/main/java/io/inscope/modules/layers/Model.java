package io.inscope.modules.layers;

import io.inscope.configs.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A stack of layers. {@link #build()} runs the shapes from {@code model.input} through the layers,
 * each creating its weights from the shape of its input (the delayed initialization of Keras).
 */
public final class Model {
  private final ModelSpec spec;
  private final List<Layer> layers;
  private Shape outputShape;

  public Model(ModelSpec spec, List<Layer> layers) {
    this.spec = spec;
    this.layers = List.copyOf(layers);
  }

  /** Builds every layer inside the open strategy scope; returns the shape of one output example. */
  public Shape build() {
    if (outputShape != null) {
      throw new IllegalStateException("the model is already built");
    }
    Shape shape = inputShape();
    for (Layer layer : layers) {
      shape = layer.build(shape);
    }
    outputShape = shape;
    return shape;
  }

  public Shape inputShape() {
    return Shape.of(spec.input().shape().stream().mapToLong(Integer::longValue).toArray());
  }

  public Shape outputShape() {
    if (outputShape == null) {
      throw new IllegalStateException("build() the model first");
    }
    return outputShape;
  }

  public List<Layer> layers() {
    return layers;
  }

  /** The model applied to a batch on one replica. */
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Operand<TFloat32> x = input;
    for (Layer layer : layers) {
      x = layer.call(ctx, x);
    }
    return x;
  }

  /** Layer names as Keras gives them: the kind, then {@code kind_1}, {@code kind_2}, ... */
  public static List<String> layerNames(List<String> kinds) {
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    List<String> names = new ArrayList<>();
    for (String kind : kinds) {
      int n = seen.merge(kind, 1, Integer::sum) - 1;
      names.add(n == 0 ? kind : kind + "_" + n);
    }
    return names;
  }
}
