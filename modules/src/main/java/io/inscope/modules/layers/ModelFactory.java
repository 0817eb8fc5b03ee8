package io.inscope.modules.layers;

import com.google.inject.Inject;
import io.inscope.configs.Kind;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.layers.LayerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a {@link Model} from {@code model}: one layer per entry, by kind, named as Keras does. */
public final class ModelFactory {
  private final Map<String, LayerFactory> kinds;
  private final LayerServices services;

  @Inject
  public ModelFactory(Map<String, LayerFactory> kinds, LayerServices services) {
    this.kinds = Map.copyOf(kinds);
    this.services = services;
  }

  public Model create(ModelSpec spec) {
    List<String> kindNames = spec.layers().stream().map(ModelFactory::kindOf).toList();
    List<String> names = Model.layerNames(kindNames);
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < spec.layers().size(); i++) {
      LayerFactory f = kinds.get(kindNames.get(i));
      if (f == null) {
        throw new IllegalStateException(
            "no layer bound for kind '" + kindNames.get(i) + "' (bound: " + kinds.keySet() + ")");
      }
      layers.add(f.create(spec.layers().get(i), names.get(i), services));
    }
    return new Model(spec, layers);
  }

  static String kindOf(LayerSpec spec) {
    return spec.getClass().getAnnotation(Kind.class).value();
  }
}
