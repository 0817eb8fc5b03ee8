package io.inscope.configs.layers;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.ShapeLimits;
import io.inscope.configs.SpecException;
import java.util.List;

/** Reshapes each example: {@code reshape: {target_shape: [28, 28, 1]}}. */
@Doc("Reshapes each example")
@Kind("reshape")
public record ReshapeSpec(
    @Doc("shape of one example after the layer; one entry may be -1") List<Integer> targetShape) implements LayerSpec {
  public ReshapeSpec {
    targetShape = List.copyOf(targetShape);
    if (targetShape.stream().filter(d -> d == -1).count() > 1
        || targetShape.stream().anyMatch(d -> d == 0 || d < -1)) {
      throw new SpecException("target_shape", "entries must be > 0, with at most one -1 (got " + targetShape + ")");
    }
    ShapeLimits.check("target_shape", targetShape);
  }
}
