package com.acme.layers;

import com.google.inject.AbstractModule;
import io.inscope.modules.layers.LayerKinds;

/** The plugin's Guice module, named in the job's {@code plugins:}: binds the kind's factory. */
public final class AcmeLayers extends AbstractModule {
  @Override
  protected void configure() {
    LayerKinds.of(binder()).add(DoubleItSpec.class, (spec, name, services) -> new DoubleIt(spec, name));
  }
}
