package io.inscope.modules.layers;

import io.inscope.configs.layers.LayerSpec;

/**
 * Builds a {@link Layer} from its spec. One factory per YAML kind, registered in a {@code
 * MapBinder<String, LayerFactory>} under the kind's name; a plugin module adds kinds the same way.
 */
@FunctionalInterface
public interface LayerFactory {
  Layer create(LayerSpec spec, String name, LayerServices services);
}
