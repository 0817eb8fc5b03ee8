package io.inscope.modules.losses;

import io.inscope.configs.losses.LossSpec;
import org.tensorflow.framework.losses.Loss;

/**
 * Builds a tensorflow-framework {@link Loss} (reduced to the mean over the batch) from its spec.
 * One per YAML kind, bound in a {@code MapBinder<String, LossFactory>}.
 */
@FunctionalInterface
public interface LossFactory {
  Loss create(LossSpec spec);
}
