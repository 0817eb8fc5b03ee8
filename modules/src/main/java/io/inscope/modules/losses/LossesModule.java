package io.inscope.modules.losses;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.inscope.configs.losses.BinaryCrossentropySpec;
import io.inscope.configs.losses.CategoricalCrossentropySpec;
import io.inscope.configs.losses.HuberSpec;
import io.inscope.configs.losses.SparseCategoricalCrossentropySpec;
import org.tensorflow.framework.losses.CategoricalCrossentropy;
import org.tensorflow.framework.losses.Huber;
import org.tensorflow.framework.losses.MeanAbsoluteError;
import org.tensorflow.framework.losses.MeanSquaredError;
import org.tensorflow.framework.losses.Reduction;

/**
 * Binds every loss kind: tensorflow-framework's implementation where it is Keras', our {@link
 * BinaryCrossentropy} for binary cross-entropy on probabilities.
 */
public final class LossesModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, LossFactory> kinds =
        MapBinder.newMapBinder(binder(), String.class, LossFactory.class);
    kinds.addBinding("binary_crossentropy").toInstance(s -> new BinaryCrossentropy((BinaryCrossentropySpec) s));
    kinds.addBinding("categorical_crossentropy").toInstance(s -> categorical((CategoricalCrossentropySpec) s));
    kinds.addBinding("huber").toInstance(s -> new Huber("huber", (float) ((HuberSpec) s).delta(), Reduction.SUM_OVER_BATCH_SIZE));
    kinds.addBinding("mean_absolute_error").toInstance(s -> new MeanAbsoluteError());
    kinds.addBinding("mean_squared_error").toInstance(s -> new MeanSquaredError());
    // one-hot labels (see Labels) make sparse cross-entropy the categorical one
    kinds.addBinding("sparse_categorical_crossentropy").toInstance(s -> sparse((SparseCategoricalCrossentropySpec) s));
  }

  private static CategoricalCrossentropy sparse(SparseCategoricalCrossentropySpec s) {
    return new CategoricalCrossentropy(s.fromLogits(), (float) s.labelSmoothing());
  }

  private static CategoricalCrossentropy categorical(CategoricalCrossentropySpec s) {
    return new CategoricalCrossentropy(s.fromLogits(), (float) s.labelSmoothing());
  }
}
