package io.inscope.modules.initializers;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.inscope.configs.initializers.ConstantSpec;
import io.inscope.configs.initializers.OrthogonalSpec;
import io.inscope.configs.initializers.RandomNormalSpec;
import io.inscope.configs.initializers.RandomUniformSpec;
import io.inscope.configs.initializers.TruncatedNormalSpec;
import io.inscope.modules.initializers.VarianceScaling.Distribution;
import org.tensorflow.framework.initializers.Constant;
import org.tensorflow.framework.initializers.Ones;
import org.tensorflow.framework.initializers.RandomNormal;
import org.tensorflow.framework.initializers.RandomUniform;
import org.tensorflow.framework.initializers.TruncatedNormal;
import org.tensorflow.framework.initializers.Zeros;

/**
 * Binds every initializer kind, with Keras' definitions: tensorflow-framework's implementation for
 * the constant and plain random kinds, ours ({@link VarianceScaling}, {@link Orthogonal}) where
 * framework 1.1.0 departs from Keras.
 */
public final class InitializersModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, InitializerFactory> kinds =
        MapBinder.newMapBinder(binder(), String.class, InitializerFactory.class);
    kinds.addBinding("constant").toInstance((s, seed) -> ShapedInitializer.of(new Constant<>(((ConstantSpec) s).value())));
    kinds.addBinding("glorot_normal").toInstance((s, seed) -> VarianceScaling.glorot(Distribution.TRUNCATED_NORMAL, seed));
    kinds.addBinding("glorot_uniform").toInstance((s, seed) -> VarianceScaling.glorot(Distribution.UNIFORM, seed));
    kinds.addBinding("he_normal").toInstance((s, seed) -> VarianceScaling.he(Distribution.TRUNCATED_NORMAL, seed));
    kinds.addBinding("he_uniform").toInstance((s, seed) -> VarianceScaling.he(Distribution.UNIFORM, seed));
    kinds.addBinding("lecun_normal").toInstance((s, seed) -> VarianceScaling.lecun(Distribution.TRUNCATED_NORMAL, seed));
    kinds.addBinding("lecun_uniform").toInstance((s, seed) -> VarianceScaling.lecun(Distribution.UNIFORM, seed));
    kinds.addBinding("ones").toInstance((s, seed) -> ShapedInitializer.of(new Ones<>()));
    kinds.addBinding("orthogonal").toInstance((s, seed) -> new Orthogonal(((OrthogonalSpec) s).gain(), seed));
    kinds.addBinding("random_normal").toInstance((s, seed) -> ShapedInitializer.of(randomNormal((RandomNormalSpec) s, seed)));
    kinds.addBinding("random_uniform").toInstance((s, seed) -> ShapedInitializer.of(randomUniform((RandomUniformSpec) s, seed)));
    kinds.addBinding("truncated_normal").toInstance((s, seed) -> ShapedInitializer.of(truncatedNormal((TruncatedNormalSpec) s, seed)));
    kinds.addBinding("zeros").toInstance((s, seed) -> ShapedInitializer.of(new Zeros<>()));
  }

  private static RandomNormal<?> randomNormal(RandomNormalSpec s, long seed) {
    return new RandomNormal<>(s.mean(), s.stddev(), seed);
  }

  private static RandomUniform<?> randomUniform(RandomUniformSpec s, long seed) {
    return new RandomUniform<>(s.minval(), s.maxval(), seed);
  }

  private static TruncatedNormal<?> truncatedNormal(TruncatedNormalSpec s, long seed) {
    return new TruncatedNormal<>(s.mean(), s.stddev(), seed);
  }
}
