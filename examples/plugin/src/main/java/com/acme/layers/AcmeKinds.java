package com.acme.layers;

import io.inscope.configs.KindProvider;
import java.util.List;

/** Tells the loader (check, schema, render) about the plugin's kinds; listed in META-INF/services. */
public final class AcmeKinds implements KindProvider {
  @Override
  public List<Class<? extends Record>> kinds() {
    return List.of(DoubleItSpec.class);
  }
}
