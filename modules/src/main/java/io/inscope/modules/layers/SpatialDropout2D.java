package io.inscope.modules.layers;

import io.inscope.configs.layers.SpatialDropout2DSpec;

/** Drops whole channels of examples in training; see {@link SpatialDropout2DSpec}. */
public final class SpatialDropout2D extends SpatialDropout {
  public SpatialDropout2D(SpatialDropout2DSpec spec, String name) {
    super(name, spec.rate(), 3);
  }
}
