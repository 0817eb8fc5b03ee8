package io.inscope.modules.optimizers;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.inscope.configs.optimizers.AdadeltaSpec;
import io.inscope.configs.optimizers.AdagradSpec;
import io.inscope.configs.optimizers.AdamSpec;
import io.inscope.configs.optimizers.AdamaxSpec;
import io.inscope.configs.optimizers.AdamwSpec;
import io.inscope.configs.optimizers.FtrlSpec;
import io.inscope.configs.optimizers.LionSpec;
import io.inscope.configs.optimizers.NadamSpec;
import io.inscope.configs.optimizers.RmspropSpec;
import io.inscope.configs.optimizers.SgdSpec;

/**
 * Binds every optimizer kind to an optimizer whose update is Keras' for the same arguments, on
 * resource variables: fused {@code ResourceApply*} kernels where one computes Keras' rule
 * ({@code adadelta}, {@code adam}, {@code adamax}, {@code adamw}, {@code ftrl}, {@code rmsprop},
 * {@code sgd}), the update written out where none does ({@link Adagrad}, {@link Lion}, {@link
 * Nadam}). Every kind's learning rate may be a schedule, and every kind clips and decays its
 * gradients as {@link KerasOptimizer} describes.
 */
public final class OptimizersModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, OptimizerFactory> kinds =
        MapBinder.newMapBinder(binder(), String.class, OptimizerFactory.class);
    kinds.addBinding("adadelta").toInstance(s -> adadelta((AdadeltaSpec) s));
    kinds.addBinding("adagrad").toInstance(s -> adagrad((AdagradSpec) s));
    kinds.addBinding("adam").toInstance(s -> adam((AdamSpec) s));
    kinds.addBinding("adamax").toInstance(s -> adamax((AdamaxSpec) s));
    kinds.addBinding("adamw").toInstance(s -> adamw((AdamwSpec) s));
    kinds.addBinding("ftrl").toInstance(s -> ftrl((FtrlSpec) s));
    kinds.addBinding("lion").toInstance(s -> lion((LionSpec) s));
    kinds.addBinding("nadam").toInstance(s -> nadam((NadamSpec) s));
    kinds.addBinding("rmsprop").toInstance(s -> rmsprop((RmspropSpec) s));
    kinds.addBinding("sgd").toInstance(s -> sgd((SgdSpec) s));
  }

  private static Optimizer adadelta(AdadeltaSpec s) {
    return new Adadelta(Settings.of(s), (float) s.rho(), (float) s.epsilon());
  }

  private static Optimizer adagrad(AdagradSpec s) {
    return new Adagrad(Settings.of(s), (float) s.initialAccumulatorValue());
  }

  private static Optimizer adam(AdamSpec s) {
    return new Adam(Settings.of(s), (float) s.beta1(), (float) s.beta2(), (float) s.epsilon());
  }

  private static Optimizer adamax(AdamaxSpec s) {
    return new Adamax(Settings.of(s), (float) s.beta1(), (float) s.beta2(), (float) s.epsilon());
  }

  private static Optimizer adamw(AdamwSpec s) {
    return new Adam(Settings.of(s), (float) s.beta1(), (float) s.beta2(), (float) s.epsilon());
  }

  private static Optimizer lion(LionSpec s) {
    return new Lion(Settings.of(s), (float) s.beta1(), (float) s.beta2());
  }

  private static Optimizer ftrl(FtrlSpec s) {
    return new Ftrl(Settings.of(s), (float) s.learningRatePower(),
        (float) s.initialAccumulatorValue(), (float) s.l1RegularizationStrength(),
        (float) s.l2RegularizationStrength());
  }

  private static Optimizer nadam(NadamSpec s) {
    return new Nadam(Settings.of(s), (float) s.beta1(), (float) s.beta2(), (float) s.epsilon());
  }

  private static Optimizer rmsprop(RmspropSpec s) {
    return new RmsProp(Settings.of(s), (float) s.rho(), (float) s.momentum(),
        (float) s.epsilon(), s.centered());
  }

  private static Optimizer sgd(SgdSpec s) {
    return new Sgd(Settings.of(s), (float) s.momentum(), s.nesterov());
  }
}
