package io.inscope.modules.metrics;

import io.inscope.configs.losses.LossSpec;
import io.inscope.configs.metrics.MetricSpec;

/**
 * Builds a {@link Metric} from its spec; the loss spec tells how outputs are read (logits or
 * probabilities). One per YAML kind, bound in a {@code MapBinder<String, MetricFactory>}.
 */
@FunctionalInterface
public interface MetricFactory {
  Metric create(MetricSpec spec, LossSpec loss);
}
