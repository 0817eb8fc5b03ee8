package io.inscope.modules.initializers;

import io.inscope.configs.initializers.InitializerSpec;

/**
 * Turns an initializer spec into a {@link ShapedInitializer} (a tensorflow-framework initializer
 * wrapped by {@link ShapedInitializer#of}, or one of ours). One per YAML kind, bound in a {@code
 * MapBinder<String, InitializerFactory>}.
 */
@FunctionalInterface
public interface InitializerFactory {
  /**
   * @param seed the variable's own seed (the scope derives it from the job seed and the name)
   */
  ShapedInitializer create(InitializerSpec spec, long seed);
}
