package io.inscope.modules.initializers;

import com.google.inject.Inject;
import io.inscope.configs.Kind;
import io.inscope.configs.initializers.InitializerSpec;
import io.inscope.modules.strategy.InitialValue;
import java.util.Map;
import org.tensorflow.types.family.TType;

/** The initializer kinds, by YAML name, as {@link InitialValue}s for the strategy scope. */
public final class Initializers {
  private final Map<String, InitializerFactory> factories;

  @Inject
  public Initializers(Map<String, InitializerFactory> factories) {
    this.factories = Map.copyOf(factories);
  }

  /** The initial value of a variable of element type {@code type} drawn by {@code spec}. */
  public <T extends TType> InitialValue<T> initialValue(InitializerSpec spec, Class<T> type) {
    InitializerFactory factory = factory(spec);
    return (tf, shape, seed) -> factory.create(spec, seed).call(tf, shape, type);
  }

  private InitializerFactory factory(InitializerSpec spec) {
    String kind = spec.getClass().getAnnotation(Kind.class).value();
    InitializerFactory f = factories.get(kind);
    if (f == null) {
      throw new IllegalStateException("no initializer bound for kind '" + kind + "'");
    }
    return f;
  }
}
