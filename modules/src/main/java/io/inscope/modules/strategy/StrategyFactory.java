package io.inscope.modules.strategy;

import io.inscope.configs.StrategySpec;
import io.inscope.modules.cluster.Topology;

/**
 * Builds a {@link Strategy} over an initialized topology. One per {@code strategy.type}, bound in
 * a {@code MapBinder<String, StrategyFactory>}.
 */
@FunctionalInterface
public interface StrategyFactory {
  Strategy create(StrategySpec spec, Topology topology);
}
