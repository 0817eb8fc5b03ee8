package io.inscope.modules.layers;

import io.inscope.configs.layers.SpatialDropout1DSpec;

/** Drops whole channels of examples in training; see {@link SpatialDropout1DSpec}. */
public final class SpatialDropout1D extends SpatialDropout {
  public SpatialDropout1D(SpatialDropout1DSpec spec, String name) {
    super(name, spec.rate(), 2);
  }
}
