package com.acme.preprocessing;

import io.inscope.configs.KindProvider;
import java.util.List;

/** Tells the loader (check, schema, render) about the test plugin's kind; listed in META-INF/services. */
public final class AcmePreprocessingKinds implements KindProvider {
  @Override
  public List<Class<? extends Record>> kinds() {
    return List.of(ClipSpec.class);
  }
}
