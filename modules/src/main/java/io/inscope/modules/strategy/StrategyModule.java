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
    // between graphs the topology is one task's: its replicas meet the other tasks' in collectives
    types.addBinding("multi_worker_mirrored")
        .toInstance((s, t) -> t.task() != null
            ? new CollectiveStrategy(t.replicaDevices(), t.task().index(), t.task().count(), s.bytesPerPack(), 0f)
            : new MirroredStrategy("multi_worker_mirrored", t.replicaDevices(), Reduction.of(s)));
    types.addBinding("one_device").toInstance((s, t) -> new OneDeviceStrategy(t.replicaDevices().get(0)));
  }
}
