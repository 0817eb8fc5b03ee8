package io.inscope.modules.tpu;

import static io.inscope.modules.tpu.TpuGraphsTest.CORES;
import static io.inscope.modules.tpu.TpuGraphsTest.HOST;
import static io.inscope.modules.tpu.TpuGraphsTest.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.inscope.configs.Activation;
import io.inscope.configs.JobSpec;
import io.inscope.configs.StrategyType;
import io.inscope.configs.layers.BatchNormalizationSpec;
import io.inscope.modules.checkpoint.CheckpointOps;
import io.inscope.modules.initializers.InitializersModule;
import io.inscope.modules.layers.LayersModule;
import io.inscope.modules.losses.LossesModule;
import io.inscope.modules.metrics.MetricsModule;
import io.inscope.modules.optimizers.OptimizersModule;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.StrategyScope;
import io.inscope.modules.train.Jobs;
import io.inscope.modules.train.StepBuilder;
import io.inscope.modules.train.TrainGraph;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * The whole training graph of a job with {@code strategy: tpu} on 8 cores, built by the same
 * StepBuilder as every other strategy: Dense → BatchNormalization → Dense, Adam, accuracy, a
 * global step. Checked against TensorFlow's tpu.replicate contract (no TPU needed): a golden
 * GraphDef, and the properties that make the cluster compilable.
 */
class TpuStepGraphTest {
  private static final Injector INJECTOR = Guice.createInjector(new InitializersModule(), new LayersModule(),
      new LossesModule(), new OptimizersModule(), new MetricsModule());
  /** Ops that only run on the host: the cluster must hold none of them. */
  private static final Set<String> HOST_ONLY = Set.of("VarHandleOp", "VariableV2", "Placeholder", "SaveV2",
      "RestoreV2", "TPUReplicatedInput", "TPUReplicatedOutput", "TPUCompilationResult");

  static JobSpec job(int stepsPerExecution) {
    return Jobs.classifier(StrategyType.TPU, 8, List.of(4), List.of(
        Jobs.dense(8, Activation.RELU),
        new BatchNormalizationSpec(0.99, 1e-3, true, true),
        Jobs.dense(3, Activation.LINEAR)), 64, 10, stepsPerExecution);
  }

  record Built(GraphDef def, TrainGraph step, CheckpointOps checkpoint, List<MirroredVariable<?>> variables) {}

  static Built build(Graph g, JobSpec job) {
    TpuStrategy strategy = new TpuStrategy(CORES, HOST);
    try (StrategyScope scope = StrategyScope.open(strategy, g, job.seed())) {
      TrainGraph step = INJECTOR.getInstance(StepBuilder.class).build(job, scope, Shape.scalar());
      CheckpointOps ckpt = CheckpointOps.build(scope.tf(), step.variables());
      return new Built(strategy.annotatedGraphDef(g), step, ckpt, step.variables());
    }
  }

  @Test
  void goldenStepGraph() throws Exception {
    try (Graph g = new Graph()) {
      GraphDefText.check("train-step-8.txt", build(g, job(1)).def());
    }
  }

  @Test
  void everyVariableIsMirroredOnEveryCoreAndEntersTheClusterAsOneInput() {
    try (Graph g = new Graph()) {
      Built b = build(g, job(1));
      assertTrue(b.variables().stream().anyMatch(v -> v.name().equals("dense.kernel-m")), "Adam's slots are scope variables");
      for (MirroredVariable<?> v : b.variables()) {
        NodeDef handle = node(b.def(), "cluster/" + v.name() + "/handle");
        assertEquals("TPUReplicatedInput", handle.getOp());
        assertTrue(handle.getAttrOrThrow("is_mirrored_variable").getB());
        assertEquals(8, handle.getInputCount());
        for (int r = 0; r < 8; r++) {
          NodeDef component = node(b.def(), handle.getInput(r));
          assertEquals("VarHandleOp", component.getOp());
          assertEquals(CORES.get(r), component.getDevice(), v.name() + " replica " + r);
          assertEquals(component.getName(), component.getAttrOrThrow("shared_name").getS().toStringUtf8());
        }
      }
      assertFalse(b.def().getNodeList().stream().anyMatch(n -> n.getOp().equals("VariableV2")),
          "TPU computations reject ref variables");
    }
  }

  @Test
  void theClusterHoldsTheWholeStepAndTakesOnlyReplicatedOrBroadcastInputs() {
    try (Graph g = new Graph()) {
      GraphDef def = build(g, job(1)).def();
      Map<String, NodeDef> byName = new HashMap<>();
      def.getNodeList().forEach(n -> byName.put(n.getName(), n));
      Map<String, Integer> types = new HashMap<>();
      for (NodeDef n : def.getNodeList()) {
        if (!n.containsAttr(TpuCluster.REPLICATE_ATTR)) {
          continue;
        }
        assertEquals("cluster", n.getAttrOrThrow(TpuCluster.REPLICATE_ATTR).getS().toStringUtf8());
        assertFalse(HOST_ONLY.contains(n.getOp()), n.getName() + " (" + n.getOp() + ") cannot run in a TPU cluster");
        types.merge(n.getOp(), 1, Integer::sum);
        for (String input : n.getInputList()) {
          if (input.startsWith("^")) {
            continue;
          }
          NodeDef from = byName.get(input.replaceAll(":\\d+$", ""));
          if (!from.containsAttr(TpuCluster.REPLICATE_ATTR)) {
            boolean replicated = from.getOp().equals("TPUReplicatedInput");
            boolean broadcastStep = from.getName().equals("step");
            assertTrue(replicated || broadcastStep, n.getName() + " reads " + input + " from outside the cluster");
          }
        }
        if (n.getOp().startsWith("ResourceApply") || n.getOp().equals("ReadVariableOp")
            || n.getOp().endsWith("VariableOp")) {
          NodeDef handle = byName.get(n.getInput(0).replaceAll(":\\d+$", ""));
          assertTrue(handle.getAttrOrThrow("is_mirrored_variable").getB(),
              n.getName() + " must use the replicated handle, not one core's component");
        }
      }
      // 4 dense + gamma/beta: one all-reduce per gradient; the synchronized batch mean and
      // variance (global batch statistics, also the moving averages' input) and their gradients
      assertEquals(6 + 2 + 2, types.get("CrossReplicaSum"));
      assertEquals(6, types.get("ResourceApplyAdam"));
      assertEquals(1, types.get("TPUReplicateMetadata"));
      assertTrue(types.get("AssignAddVariableOp") >= 2, "global_step and iterations advance on the cores");
      assertEquals(8, node(def, "cluster/TPUReplicateMetadata").getAttrOrThrow("num_replicas").getI());
      for (NodeDef n : def.getNodeList()) {
        if (n.getName().startsWith("eval/") && !n.getOp().equals("Const")) {
          assertFalse(n.containsAttr(TpuCluster.REPLICATE_ATTR), n.getName());
          assertEquals(HOST, n.getDevice(), "evaluation runs on the host: " + n.getName());
        }
      }
    }
  }

  @Test
  void stepsPerExecutionChainsOneClusterPerStep() {
    try (Graph g = new Graph()) {
      Built b = build(g, job(2));
      NodeDef pivot = node(b.def(), "cluster_1/pivot");
      assertEquals(List.of("^train_step"), pivot.getInputList(), "the second step waits for the first");
      assertEquals("cluster_1", node(b.def(), "cluster_1/TPUReplicateMetadata")
          .getAttrOrThrow(TpuCluster.REPLICATE_ATTR).getS().toStringUtf8());
      assertEquals(2, b.step().stepsPerExecution());
    }
  }

  @Test
  void theAnnotatedGraphImportsAndTheRunLoopFindsItsOps() {
    try (Graph g = new Graph(); Graph imported = new Graph()) {
      Built b = build(g, job(2));
      imported.importGraphDef(b.def());
      TrainGraph step = b.step().in(imported);
      assertEquals("cluster", imported.operation("cluster/TPUReplicateMetadata").attributes()
          .getAttrString(TpuCluster.REPLICATE_ATTR));
      assertTrue(step.trainOps().stream().allMatch(op -> op.op().env() == imported));
      CheckpointOps ckpt = b.checkpoint().in(imported);
      assertEquals("save/restore_all", ckpt.restore().op().name());
      assertTrue(imported.operation("Init") != null, "variable initializers survive the import");
    }
  }
}
