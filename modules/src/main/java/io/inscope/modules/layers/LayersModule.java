package io.inscope.modules.layers;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.MapBinder;
import io.inscope.configs.layers.DenseSpec;
import io.inscope.modules.initializers.Initializers;

/** Binds every layer kind by its YAML name. */
public final class LayersModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, LayerFactory> kinds =
        MapBinder.newMapBinder(binder(), String.class, LayerFactory.class);
    kinds.addBinding("dense").toInstance((s, name, sv) -> new Dense((DenseSpec) s, name, sv));
    kinds.addBinding("flatten").toInstance((s, name, sv) -> new Flatten(name));
  }

  @Provides
  LayerServices layerServices(Initializers initializers) {
    return new LayerServices(initializers);
  }
}
