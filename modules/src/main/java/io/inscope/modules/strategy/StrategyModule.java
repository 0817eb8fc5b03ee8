package io.inscope.modules.strategy;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;

/** Binds the strategies by their {@code strategy.type} name ({@code tpu}: see TpuModule). */
public final class StrategyModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, StrategyFactory> types =
        MapBinder.newMapBinder(binder(), String.class, StrategyFactory.class);
    types.addBinding("mirrored")
        .toInstance((s, t) -> new MirroredStrategy("mirrored", t.replicaDevices(), Reduction.of(s)));
    types.addBinding("multi_worker_mirrored")
        .toInstance((s, t) -> new MirroredStrategy("multi_worker_mirrored", t.replicaDevices(), Reduction.of(s)));
    types.addBinding("one_device").toInstance((s, t) -> new OneDeviceStrategy(t.replicaDevices().get(0)));
  }
}
