package io.inscope.modules.cluster;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;

/** Binds how each strategy type initializes its system ({@code tpu}: see TpuModule). */
public final class ClusterModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, SystemInitializer> types =
        MapBinder.newMapBinder(binder(), String.class, SystemInitializer.class);
    types.addBinding("mirrored").to(LocalSystem.class);
    types.addBinding("multi_worker_mirrored").to(MultiWorkerSystem.class);
    types.addBinding("one_device").to(LocalSystem.class);
  }
}
