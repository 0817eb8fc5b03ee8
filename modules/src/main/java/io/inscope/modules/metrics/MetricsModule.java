package io.inscope.modules.metrics;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.inscope.configs.metrics.AucSpec;
import io.inscope.configs.metrics.F1Spec;
import io.inscope.configs.metrics.PrecisionSpec;
import io.inscope.configs.metrics.RecallSpec;
import io.inscope.configs.metrics.TopKAccuracySpec;

/**
 * Binds the metric kinds. {@code loss} is reported for every job, so it needs no factory: the
 * training step reports it whether or not it is listed.
 */
public final class MetricsModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, MetricFactory> kinds =
        MapBinder.newMapBinder(binder(), String.class, MetricFactory.class);
    kinds.addBinding("accuracy").toInstance((s, loss) -> new Accuracy(loss));
    kinds.addBinding("auc").toInstance((s, loss) -> new Auc(loss, ((AucSpec) s).numThresholds()));
    kinds.addBinding("f1").toInstance((s, loss) -> new ClassCounts(ClassCounts.Kind.F1, loss, ((F1Spec) s).threshold()));
    kinds.addBinding("mean_absolute_error").toInstance((s, loss) -> new MeanError(false));
    kinds.addBinding("mean_squared_error").toInstance((s, loss) -> new MeanError(true));
    kinds.addBinding("precision").toInstance(
        (s, loss) -> new ClassCounts(ClassCounts.Kind.PRECISION, loss, ((PrecisionSpec) s).threshold()));
    kinds.addBinding("recall").toInstance(
        (s, loss) -> new ClassCounts(ClassCounts.Kind.RECALL, loss, ((RecallSpec) s).threshold()));
    kinds.addBinding("root_mean_squared_error").toInstance((s, loss) -> new MeanError(true, true));
    kinds.addBinding("top_k_accuracy").toInstance((s, loss) -> new TopKAccuracy(((TopKAccuracySpec) s).k()));
  }
}
