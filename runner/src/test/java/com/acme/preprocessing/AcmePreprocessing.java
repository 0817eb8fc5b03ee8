package com.acme.preprocessing;

import com.google.inject.AbstractModule;
import io.inscope.modules.data.PreprocessingKinds;

/** The test plugin's Guice module, named in a job's {@code plugins:}: binds the clip step's factory. */
public final class AcmePreprocessing extends AbstractModule {
  @Override
  protected void configure() {
    PreprocessingKinds.of(binder()).add(ClipSpec.class, Clip::new);
  }
}
