package io.inscope.runner.internal;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.inscope.modules.cluster.ClusterModule;
import io.inscope.modules.data.DataModule;
import io.inscope.modules.initializers.InitializersModule;
import io.inscope.modules.layers.LayersModule;
import io.inscope.modules.losses.LossesModule;
import io.inscope.modules.metrics.MetricsModule;
import io.inscope.modules.optimizers.OptimizersModule;
import io.inscope.modules.strategy.StrategyModule;
import io.inscope.modules.tpu.TpuModule;
import io.inscope.runner.ExitCodes;
import io.inscope.runner.UserException;
import java.util.ArrayList;
import java.util.List;

/** One injector per job: the feature modules, then the job's plugin modules. */
public final class Injectors {
  private Injectors() {}

  public static Injector forJob(List<String> plugins) throws UserException {
    List<Module> modules = new ArrayList<>(List.of(
        new ClusterModule(),
        new DataModule(),
        new InitializersModule(),
        new LayersModule(),
        new LossesModule(),
        new MetricsModule(),
        new OptimizersModule(),
        new StrategyModule(),
        new TpuModule()));
    for (String plugin : plugins) {
      modules.add(instantiate(plugin));
    }
    return Guice.createInjector(modules);
  }

  private static Module instantiate(String className) throws UserException {
    try {
      Class<?> c = Class.forName(className);
      if (!Module.class.isAssignableFrom(c)) {
        throw new UserException(ExitCodes.USAGE, "plugins: " + className + " is not a Guice module");
      }
      return (Module) c.getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new UserException(ExitCodes.USAGE,
          "plugins: class " + className + " is not on the classpath; add its jar with java -cp");
    } catch (ReflectiveOperationException e) {
      throw new UserException(ExitCodes.USAGE,
          "plugins: cannot create " + className + " (" + e + "); it needs a public no-argument constructor");
    }
  }
}
