package io.inscope.modules.layers;

import com.google.inject.Inject;
import io.inscope.configs.Kind;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.layers.LayerNodeSpec;
import io.inscope.configs.layers.LayerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a {@link Model} from {@code model}: one layer per node of the graph, by kind, under its name. */
public final class ModelFactory {
  private final Map<Class<? extends LayerSpec>, LayerFactory<?>> kinds;
  private final LayerServices services;

  @Inject
  public ModelFactory(Map<Class<? extends LayerSpec>, LayerFactory<?>> kinds, LayerServices services) {
    this.kinds = Map.copyOf(kinds);
    this.services = services;
  }

  public Model create(ModelSpec spec) {
    List<LayerServices.Penalty> penalties = new ArrayList<>();
    List<Layer> layers = new ArrayList<>();
    for (LayerNodeSpec node : spec.topologicalOrder()) {
      layers.add(LayerKinds.create(kinds, node.layer(), node.name(), services.forLayer(node, penalties)));
    }
    return new Model(spec, layers, penalties);
  }

  static String kindOf(LayerSpec spec) {
    return spec.getClass().getAnnotation(Kind.class).value();
  }
}
