package io.inscope.modules.train;

import io.inscope.configs.Activation;
import io.inscope.configs.CheckpointSpec;
import io.inscope.configs.ClusterSpec;
import io.inscope.configs.DType;
import io.inscope.configs.Every;
import io.inscope.configs.ExportSpec;
import io.inscope.configs.InputSpec;
import io.inscope.configs.JobSpec;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.StrategySpec;
import io.inscope.configs.StrategyType;
import io.inscope.configs.TensorBoardSpec;
import io.inscope.configs.TimeSpan;
import io.inscope.configs.ThreadsSpec;
import io.inscope.configs.TrainSpec;
import io.inscope.configs.VariableSpec;
import io.inscope.configs.data.DataSpec;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.SyntheticSpec;
import io.inscope.configs.initializers.GlorotUniformSpec;
import io.inscope.configs.initializers.ZerosSpec;
import io.inscope.configs.layers.DenseSpec;
import io.inscope.configs.layers.LayerSpec;
import io.inscope.configs.losses.SparseCategoricalCrossentropySpec;
import io.inscope.configs.metrics.AccuracySpec;
import io.inscope.configs.optimizers.AdamSpec;
import java.util.List;

/** Small jobs built in code for the modules' tests (the loader has its own tests). */
public final class Jobs {
  private Jobs() {}

  public static DenseSpec dense(int units, Activation activation) {
    return new DenseSpec(units, activation, true, new GlorotUniformSpec(), new ZerosSpec());
  }

  /** A classifier over synthetic data with the given layers, Adam, and {@code steps} steps. */
  public static JobSpec classifier(
      StrategyType strategy, Integer replicas, List<Integer> input, List<LayerSpec> layers, int batch, long steps) {
    return classifier(strategy, replicas, input, layers, batch, steps, 1);
  }

  /** As above, with {@code train.steps_per_execution}. */
  public static JobSpec classifier(StrategyType strategy, Integer replicas, List<Integer> input,
      List<LayerSpec> layers, int batch, long steps, int stepsPerExecution) {
    return classifier(strategy, replicas, new ModelSpec(new InputSpec(input, DType.FLOAT32), layers), batch, steps, stepsPerExecution);
  }

  /** A classifier of any model graph. */
  public static JobSpec classifier(StrategyType strategy, Integer replicas, ModelSpec model, int batch, long steps, int stepsPerExecution) {
    return new JobSpec(
        1, "test", 42,
        new ClusterSpec(null, null, TimeSpan.parse("60s")),
        new StrategySpec(strategy, replicas),
        List.of(new VariableSpec("global_step", List.of(), DType.INT64, new ZerosSpec(), false)),
        model,
        new SparseCategoricalCrossentropySpec(true),
        List.of(new AccuracySpec()),
        new AdamSpec(0.001, 0.9, 0.999, 1e-7),
        new DataSpec(new DataSplitSpec(new SyntheticSpec(256, 3), 1.0, 0, batch), null),
        new TrainSpec(null, steps, stepsPerExecution, 100, Every.NEVER, null, TimeSpan.parse("10s"), ThreadsSpec.DEFAULT),
        new CheckpointSpec(null, null, 3),
        new ExportSpec(false),
        TensorBoardSpec.DEFAULT,
        "runs/test",
        List.of());
  }
}
