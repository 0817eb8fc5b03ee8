package io.inscope.modules.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.inscope.configs.StrategyType;
import io.inscope.modules.initializers.InitializersModule;
import io.inscope.modules.layers.LayersModule;
import io.inscope.modules.losses.LossesModule;
import io.inscope.modules.metrics.MetricsModule;
import io.inscope.modules.optimizers.OptimizersModule;
import io.inscope.modules.strategy.OneDeviceStrategy;
import io.inscope.modules.strategy.StrategyScope;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * The optimizer waits for every reduced gradient through one barrier per replica and step, so
 * the graph's control edges grow linearly with depth (gating each optimizer op on each gradient
 * made them quadratic: 209,682 control edges for a 176-layer network, docs/benchmarks.md).
 */
class GradientsTest {
  private static final Injector INJECTOR = Guice.createInjector(new InitializersModule(), new LayersModule(),
      new LossesModule(), new OptimizersModule(), new MetricsModule());

  private static GraphDef build(int blocks) {
    try (Graph g = new Graph()) {
      try (StrategyScope scope = StrategyScope.open(new OneDeviceStrategy("/device:CPU:0"), g, 42)) {
        INJECTOR.getInstance(StepBuilder.class)
            .build(Jobs.classifier(StrategyType.ONE_DEVICE, null, BuildTimeTest.residual(blocks), 8, 10, 2), scope, Shape.scalar());
      }
      return g.toGraphDef();
    }
  }

  private static long controlEdges(GraphDef def) {
    return def.getNodeList().stream().flatMap(n -> n.getInputList().stream()).filter(i -> i.startsWith("^")).count();
  }

  @Test
  void optimizerWaitsForAllGradientsThroughOneBarrierPerStep() {
    GraphDef small = build(4);
    GraphDef large = build(16);
    // two steps per execution: one barrier each, waiting for every gradient of the step
    long barriers = large.getNodeList().stream().filter(n -> n.getName().matches(".*apply_gradients(_\\d+)?/all_reduced(_\\d+)?")).count();
    assertEquals(2, barriers, large.getNodeList().stream().map(NodeDef::getName).filter(n -> n.contains("all_reduced")).toList().toString());
    for (NodeDef n : large.getNodeList()) {
      if (n.getName().matches(".*apply_gradients(_\\d+)?/.*") && !n.getName().matches(".*/all_reduced(_\\d+)?")) {
        // control inputs from outside the optimizer: at most the previous step's train op
        long outside = n.getInputList().stream().filter(i -> i.startsWith("^") && !i.matches("\\^.*apply_gradients(_\\d+)?/.*")).count();
        assertTrue(outside <= 1, n.getName() + " waits on gradients directly: " + n.getInputList());
      }
    }
    // 4x the blocks: about 4x the control edges (quadratic growth would be about 16x)
    double ratio = (double) controlEdges(large) / controlEdges(small);
    assertTrue(ratio < 5, "control edges " + controlEdges(small) + " -> " + controlEdges(large));
  }
}
