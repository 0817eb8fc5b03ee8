package io.inscope.modules.train;

import static org.junit.jupiter.api.Assertions.*;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.inscope.configs.*;
import io.inscope.configs.data.*;
import io.inscope.configs.initializers.*;
import io.inscope.configs.layers.*;
import io.inscope.configs.losses.*;
import io.inscope.configs.optimizers.*;
import io.inscope.configs.metrics.*;
import io.inscope.modules.initializers.InitializersModule;
import io.inscope.modules.layers.LayersModule;
import io.inscope.modules.losses.LossesModule;
import io.inscope.modules.metrics.MetricsModule;
import io.inscope.modules.optimizers.OptimizersModule;
import io.inscope.modules.strategy.*;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.*;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class SmokeTest {
  @Test
  void trains() {
    JobSpec job = new JobSpec(1, "t", 42, new ClusterSpec(null, null, TimeSpan.parse("60s")),
        new StrategySpec(StrategyType.ONE_DEVICE, null), List.of(new VariableSpec("global_step", List.of(), DType.INT64, new ZerosSpec(), false)),
        new ModelSpec(new InputSpec(List.of(4), DType.FLOAT32), List.of(
            new DenseSpec(8, Activation.RELU, true, new GlorotUniformSpec(), new ZerosSpec()),
            new DenseSpec(3, Activation.LINEAR, true, new GlorotUniformSpec(), new ZerosSpec()))),
        new SparseCategoricalCrossentropySpec(true), List.of(new AccuracySpec()), new AdamSpec(0.01, 0.9, 0.999, 1e-7),
        new DataSpec(new DataSplitSpec(new SyntheticSpec(64, 3), 1.0, 0, 8), null),
        new TrainSpec(null, 10L, 1, 100, Every.NEVER, null, TimeSpan.parse("10s"), ThreadsSpec.DEFAULT), new CheckpointSpec(null, null, 3), new ExportSpec(false), TensorBoardSpec.DEFAULT, "runs/t", List.of());
    Injector inj = Guice.createInjector(new InitializersModule(), new LayersModule(), new LossesModule(), new OptimizersModule(), new MetricsModule());
    try (Graph g = new Graph()) {
      TrainGraph tg;
      try (StrategyScope scope = StrategyScope.open(new OneDeviceStrategy("/device:CPU:0"), g, 42)) {
        tg = inj.getInstance(StepBuilder.class).build(job, scope, Shape.scalar());
      }
      tg.variables().forEach(v -> System.out.println(v.name() + " " + v.shape() + " " + v.kind() + " " + v.components().size()));
      try (Session s = new Session(g)) {
        float[] x = new float[8 * 4]; float[] y = new float[8];
        for (int i = 0; i < 8; i++) { y[i] = i % 3; for (int k = 0; k < 4; k++) x[i*4+k] = (i % 3) + 0.1f * k; }
        float first = 0, last = 0;
        for (int step = 0; step < 50; step++) {
          try (TFloat32 xt = TFloat32.tensorOf(Shape.of(8, 4), d -> d.copyFrom(org.tensorflow.ndarray.buffer.DataBuffers.of(x)));
               TFloat32 yt = TFloat32.tensorOf(Shape.of(8), d -> d.copyFrom(org.tensorflow.ndarray.buffer.DataBuffers.of(y)));
               TInt64 st = TInt64.scalarOf(step);
               Result r = s.runner().feed(tg.features(), xt).feed(tg.labels(), yt).feed(tg.step(), st).addTarget(tg.trainOp()).fetch(tg.loss()).fetch(tg.metricSums().get(0)).run()) {
            float l = ((TFloat32) r.get(0)).getFloat();
            if (step == 0) first = l;
            last = l;
          }
        }
        System.out.println("loss " + first + " -> " + last);
        assertTrue(last < first * 0.5);
      }
    }
  }
}
