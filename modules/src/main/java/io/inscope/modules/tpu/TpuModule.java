package io.inscope.modules.tpu;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.inscope.modules.cluster.SystemInitializer;
import io.inscope.modules.strategy.StrategyFactory;

/**
 * Adds strategy type {@code tpu} to the system-initializer and strategy map bindings, so that the
 * cluster and strategy packages do not depend on the TPU package.
 */
public final class TpuModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder.newMapBinder(binder(), String.class, SystemInitializer.class)
        .addBinding("tpu").to(TpuSystem.class);
    MapBinder.newMapBinder(binder(), String.class, StrategyFactory.class)
        .addBinding("tpu").toInstance((s, t) -> new TpuStrategy(t.replicaDevices(), t.hostDevice()));
  }
}
