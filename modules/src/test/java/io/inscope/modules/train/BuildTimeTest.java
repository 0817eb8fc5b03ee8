package io.inscope.modules.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.inscope.configs.Activation;
import io.inscope.configs.DType;
import io.inscope.configs.InputSpec;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.Padding;
import io.inscope.configs.StrategyType;
import io.inscope.configs.initializers.GlorotUniformSpec;
import io.inscope.configs.initializers.ZerosSpec;
import io.inscope.configs.layers.ActivationLayerSpec;
import io.inscope.configs.layers.AddSpec;
import io.inscope.configs.layers.BatchNormalizationSpec;
import io.inscope.configs.layers.Conv2DSpec;
import io.inscope.configs.layers.FlattenSpec;
import io.inscope.configs.layers.LayerNodeSpec;
import io.inscope.modules.initializers.InitializersModule;
import io.inscope.modules.layers.LayersModule;
import io.inscope.modules.losses.LossesModule;
import io.inscope.modules.metrics.MetricsModule;
import io.inscope.modules.optimizers.OptimizersModule;
import io.inscope.modules.strategy.OneDeviceStrategy;
import io.inscope.modules.strategy.StrategyScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;

/**
 * How long building a deep residual network takes (the model with batch normalization, Adam and
 * its slots, two steps per execution, evaluation): printed for growing depths, so a reader sees
 * that time grows linearly; a speed target lives here as figures, not as a timed assertion.
 * Each residual block is four layers: conv2d, batch_normalization, relu, and an add with the
 * block's input; 44 blocks make a graph of ResNet-50's size (179 layers).
 */
class BuildTimeTest {
  private static final Injector INJECTOR = Guice.createInjector(new InitializersModule(), new LayersModule(),
      new LossesModule(), new OptimizersModule(), new MetricsModule());

  static ModelSpec residual(int blocks) {
    List<LayerNodeSpec> layers = new ArrayList<>();
    layers.add(new LayerNodeSpec(conv(), "stem", List.of("input"), true, null, null));
    String previous = "stem";
    for (int b = 0; b < blocks; b++) {
      String p = "block" + b + "/";
      layers.add(new LayerNodeSpec(conv(), p + "conv", List.of(previous), true, null, null));
      layers.add(new LayerNodeSpec(new BatchNormalizationSpec(0.99, 1e-3, true, true), p + "bn", List.of(p + "conv"), true, null, null));
      layers.add(new LayerNodeSpec(new ActivationLayerSpec(Activation.RELU), p + "relu", List.of(p + "bn"), true, null, null));
      layers.add(new LayerNodeSpec(new AddSpec(), p + "add", List.of(p + "relu", previous), true, null, null));
      previous = p + "add";
    }
    layers.add(new LayerNodeSpec(new FlattenSpec(), "flatten", List.of(previous), true, null, null));
    layers.add(new LayerNodeSpec(Jobs.dense(3, Activation.LINEAR), "head", List.of("flatten"), true, null, null));
    return new ModelSpec(new InputSpec(List.of(4, 4, 4), DType.FLOAT32), layers, null);
  }

  private static Conv2DSpec conv() {
    return new Conv2DSpec(4, List.of(3), List.of(1), Padding.SAME, Activation.LINEAR, false, new GlorotUniformSpec(), new ZerosSpec());
  }

  /** Wall and CPU seconds (of this thread: building runs on it) to build the whole job graph of {@code model}. */
  static double[] buildSeconds(ModelSpec model) {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    try (Graph g = new Graph()) {
      long start = System.nanoTime();
      long cpu = threads.getCurrentThreadCpuTime();
      try (StrategyScope scope = StrategyScope.open(new OneDeviceStrategy("/device:CPU:0"), g, 42)) {
        TrainGraph tg = INJECTOR.getInstance(StepBuilder.class)
            .build(Jobs.classifier(StrategyType.ONE_DEVICE, null, model, 8, 10, 2), scope, Shape.scalar());
        assertEquals(2, tg.stepsPerExecution());
      }
      return new double[] {(System.nanoTime() - start) / 1e9, (threads.getCurrentThreadCpuTime() - cpu) / 1e9};
    }
  }

  @Test
  void buildTimeGrowsLinearlyWithDepth() {
    buildSeconds(residual(2)); // warm up class loading and the native library
    for (int blocks : new int[] {11, 22, 44}) {
      ModelSpec model = residual(blocks);
      double[] seconds = buildSeconds(model);
      System.out.printf(Locale.ROOT, "build time: %d layers (%d residual blocks with batch norm), Adam, steps_per_execution 2: %.2f s (%.2f s CPU)%n",
          model.layers().size(), blocks, seconds[0], seconds[1]);
    }
  }
}
