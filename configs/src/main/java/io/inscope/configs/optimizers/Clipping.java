package io.inscope.configs.optimizers;

import io.inscope.configs.SpecException;

/** Checks Keras' rule for an optimizer's clipping keys. */
final class Clipping {
  private Clipping() {}

  static void check(Double clipnorm, Double globalClipnorm) {
    if (clipnorm != null && globalClipnorm != null) {
      throw new SpecException("global_clipnorm", "set either clipnorm or global_clipnorm, not both");
    }
  }
}
