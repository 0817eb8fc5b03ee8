package io.inscope.modules.optimizers;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.inscope.configs.optimizers.AdadeltaSpec;
import io.inscope.configs.optimizers.AdagradSpec;
import io.inscope.configs.optimizers.AdamSpec;
import io.inscope.configs.optimizers.AdamaxSpec;
import io.inscope.configs.optimizers.FtrlSpec;
import io.inscope.configs.optimizers.NadamSpec;
import io.inscope.configs.optimizers.RmspropSpec;
import io.inscope.configs.optimizers.SgdSpec;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.AdaDelta;
import org.tensorflow.framework.optimizers.Ftrl;
import org.tensorflow.framework.optimizers.GradientDescent;
import org.tensorflow.framework.optimizers.Momentum;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.types.family.TType;

/**
 * Binds every optimizer kind to an optimizer whose update is Keras' for the same arguments:
 * tensorflow-framework's where it matches Keras ({@code adadelta}, {@code ftrl}, {@code sgd}), and
 * this package's where the framework deviates ({@link Adagrad}, {@link Adam}, {@link Adamax},
 * {@link Nadam}, {@link RmsProp} say how).
 */
public final class OptimizersModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, OptimizerFactory> kinds =
        MapBinder.newMapBinder(binder(), String.class, OptimizerFactory.class);
    kinds.addBinding("adadelta").toInstance((s, g) -> adadelta((AdadeltaSpec) s, g));
    kinds.addBinding("adagrad").toInstance((s, g) -> adagrad((AdagradSpec) s, g));
    kinds.addBinding("adam").toInstance((s, g) -> adam((AdamSpec) s, g));
    kinds.addBinding("adamax").toInstance((s, g) -> adamax((AdamaxSpec) s, g));
    kinds.addBinding("ftrl").toInstance((s, g) -> ftrl((FtrlSpec) s, g));
    kinds.addBinding("nadam").toInstance((s, g) -> nadam((NadamSpec) s, g));
    kinds.addBinding("rmsprop").toInstance((s, g) -> rmsprop((RmspropSpec) s, g));
    kinds.addBinding("sgd").toInstance((s, g) -> sgd((SgdSpec) s, g));
  }

  private static Optimizer adadelta(AdadeltaSpec s, Graph g) {
    return new AdaDelta(g, (float) s.learningRate(), (float) s.rho(), (float) s.epsilon()) {
      private boolean created;

      @Override
      protected void createSlots(List<Output<? extends TType>> variables) {
        created = created || createdNow(() -> super.createSlots(variables));
      }
    };
  }

  private static Optimizer adagrad(AdagradSpec s, Graph g) {
    return new Adagrad(g, (float) s.learningRate(), (float) s.initialAccumulatorValue());
  }

  private static Optimizer adam(AdamSpec s, Graph g) {
    return new Adam(
        g, (float) s.learningRate(), (float) s.beta1(), (float) s.beta2(), (float) s.epsilon());
  }

  private static Optimizer adamax(AdamaxSpec s, Graph g) {
    return new Adamax(
        g, (float) s.learningRate(), (float) s.beta1(), (float) s.beta2(), (float) s.epsilon());
  }

  private static Optimizer ftrl(FtrlSpec s, Graph g) {
    return new Ftrl(
        g,
        (float) s.learningRate(),
        (float) s.learningRatePower(),
        (float) s.initialAccumulatorValue(),
        (float) s.l1RegularizationStrength(),
        (float) s.l2RegularizationStrength(),
        0f) {
      private boolean created;

      @Override
      protected void createSlots(List<Output<? extends TType>> variables) {
        created = created || createdNow(() -> super.createSlots(variables));
      }
    };
  }

  private static Optimizer nadam(NadamSpec s, Graph g) {
    return new Nadam(
        g, (float) s.learningRate(), (float) s.beta1(), (float) s.beta2(), (float) s.epsilon());
  }

  private static Optimizer rmsprop(RmspropSpec s, Graph g) {
    return new RmsProp(
        g, (float) s.learningRate(), (float) s.rho(), (float) s.momentum(), (float) s.epsilon(),
        s.centered());
  }

  private static Optimizer sgd(SgdSpec s, Graph g) {
    if (s.momentum() == 0.0) {
      return new GradientDescent(g, (float) s.learningRate());
    }
    return new Momentum(g, (float) s.learningRate(), (float) s.momentum(), s.nesterov()) {
      private boolean created;

      @Override
      protected void createSlots(List<Output<? extends TType>> variables) {
        created = created || createdNow(() -> super.createSlots(variables));
      }
    };
  }

  /**
   * Runs {@code create}; true. The framework optimizers create their slots at every application,
   * and a graph with several unrolled steps ({@code train.steps_per_execution}) applies them once
   * per step: only the first application may create them.
   */
  private static boolean createdNow(Runnable create) {
    create.run();
    return true;
  }
}
