package io.inscope.modules.initializers;

import io.inscope.configs.initializers.InitializerSpec;
import org.tensorflow.framework.initializers.Initializer;
import org.tensorflow.types.family.TType;

/**
 * Turns an initializer spec into a tensorflow-framework {@link Initializer}. One per YAML kind,
 * bound in a {@code MapBinder<String, InitializerFactory>}.
 */
@FunctionalInterface
public interface InitializerFactory {
  /**
   * @param seed the variable's own seed (the scope derives it from the job seed and the name)
   */
  Initializer<? extends TType> create(InitializerSpec spec, long seed);
}
