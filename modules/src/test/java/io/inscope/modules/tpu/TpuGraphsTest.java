package io.inscope.modules.tpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Golden GraphDefs of the TPU system graphs and of an 8-replica training step (no TPU needed). */
class TpuGraphsTest {
  static final List<String> CORES = IntStream.range(0, 8)
      .mapToObj(i -> "/job:worker/replica:0/task:0/device:TPU:" + i).toList();
  static final String HOST = "/job:worker/replica:0/task:0/device:CPU:0";

  @Test
  void everyTpuOpTypeIsRegistered() {
    Set<String> registered = TensorFlow.registeredOpList().getOpList().stream()
        .map(OpDef::getName).collect(Collectors.toSet());
    for (String op : List.of("ConfigureDistributedTPU", "ShutdownDistributedTPU", "TPUReplicateMetadata",
        "TPUReplicatedInput", "TPUReplicatedOutput", "CrossReplicaSum", "TPUCompilationResult",
        "VarHandleOp", "ReadVariableOp", "ResourceApplyGradientDescent")) {
      assertTrue(registered.contains(op), op + " is not in TensorFlow's op registry");
    }
  }

  @Test
  void initializationGraph() throws Exception {
    try (Graph g = new Graph()) {
      TpuSystemGraphs.initialize(g);
      GraphDef def = g.toGraphDef();
      assertEquals(1, def.getNodeCount());
      assertEquals("/device:TPU_SYSTEM:0", def.getNode(0).getDevice());
      GraphDefText.check("initialize.txt", def);
    }
  }

  @Test
  void shutdownGraph() throws Exception {
    try (Graph g = new Graph()) {
      TpuSystemGraphs.shutdown(g);
      GraphDefText.check("shutdown.txt", g.toGraphDef());
    }
  }

  @Test
  void replicatedStepFor8Replicas() throws Exception {
    try (Graph g = new Graph()) {
      TpuTrainStep step = softmaxStep(g);
      GraphDef def = step.graphDef();
      GraphDefText.check("replicated-step-8.txt", def);

      NodeDef metadata = node(def, "TPUReplicateMetadata");
      assertEquals(8, metadata.getAttrOrThrow("num_replicas").getI());
      List<String> inCluster = new ArrayList<>();
      for (NodeDef n : def.getNodeList()) {
        if (n.containsAttr(TpuCluster.REPLICATE_ATTR)) {
          assertEquals("cluster", n.getAttrOrThrow(TpuCluster.REPLICATE_ATTR).getS().toStringUtf8());
          inCluster.add(n.getOp());
        }
      }
      assertTrue(inCluster.containsAll(List.of("TPUReplicateMetadata", "ReadVariableOp", "MatMul",
          "CrossReplicaSum", "ResourceApplyGradientDescent")), inCluster.toString());
      assertTrue(inCluster.contains("LogSoftmax"), "the loss and its gradients are inside the cluster");
      for (String outside : List.of("TPUReplicatedInput", "TPUReplicatedOutput", "TPUCompilationResult",
          "VarHandleOp", "Placeholder")) {
        assertFalse(inCluster.contains(outside), outside + " must stay outside the cluster");
      }
      NodeDef kernel = node(def, "dense.kernel/handle");
      assertTrue(kernel.getAttrOrThrow("is_mirrored_variable").getB());
      assertEquals(8, kernel.getInputCount());
      for (int r = 0; r < 8; r++) {
        String component = r == 0 ? "dense.kernel" : "dense.kernel/replica_" + r;
        assertEquals(component, kernel.getInput(r));
        assertEquals(CORES.get(r), node(def, component).getDevice());
        assertEquals(component, node(def, component).getAttrOrThrow("shared_name").getS().toStringUtf8());
      }
      assertEquals(8, node(def, "input0").getInputCount());
      assertEquals(8, node(def, "output0").getAttrOrThrow("num_replicas").getI());
      assertEquals("cluster", node(def, "TPUCompilationResult").getAttrOrThrow("_tpu_compilation_status").getS().toStringUtf8());
    }
  }

  @Test
  void annotatedStepImportsIntoAFreshGraphAndKeepsTpuOpsOutOfTheSystemGraphs() {
    try (Graph g = new Graph(); Graph imported = new Graph()) {
      GraphDef def = softmaxStep(g).graphDef();
      imported.importGraphDef(def);
      assertEquals(def.getNodeCount(), imported.toGraphDef().getNodeCount());
      assertEquals("cluster", imported.operation("MatMul").attributes().getAttrString(TpuCluster.REPLICATE_ATTR));
      assertFalse(def.getNodeList().stream().anyMatch(n -> n.getOp().endsWith("DistributedTPU")),
          "TPU system ops belong in graphs of their own");
    }
  }

  @Test
  void rawDeviceScopeSetsDevicesDeviceSpecCannotExpressAndKeepsThemInSubScopes() {
    try (Graph g = new Graph()) {
      org.tensorflow.op.Scope s = RawDeviceScope.of(g.baseScope(), TpuCluster.REPLICATED_CORE,
          java.util.Map.of("_flag", true, "_label", "x")).withSubScope("inner");
      g.opBuilder("NoOp", s.makeOpName("NoOp"), s).build();
      NodeDef n = node(g.toGraphDef(), "inner/NoOp");
      assertEquals("/device:TPU_REPLICATED_CORE:0", n.getDevice());
      assertTrue(n.getAttrOrThrow("_flag").getB());
      assertEquals("x", n.getAttrOrThrow("_label").getS().toStringUtf8());
    }
  }

  @Test
  void variableComponentsShareOneInitialValue() {
    try (Graph g = new Graph()) {
      TpuTrainStep step = softmaxStep(g);
      GraphDef def = g.toGraphDef();
      Set<String> values = new java.util.HashSet<>();
      for (int r = 0; r < 8; r++) {
        String assign = (r == 0 ? "dense.kernel" : "dense.kernel/replica_" + r) + "/Assign";
        values.add(node(def, assign).getInput(1));
      }
      assertEquals(1, values.size(), "every core's copy must be assigned from one initial value: " + values);
      assertEquals(2, step.variables().size());
    }
  }

  static TpuTrainStep softmaxStep(Graph g) {
    TpuStrategy strategy = new TpuStrategy(CORES, HOST);
    List<TpuTrainStep.Weight> weights = List.of(
        new TpuTrainStep.Weight("dense.kernel", Shape.of(4, 3),
            (tf, shape, seed) -> tf.random.statelessRandomNormal(tf.constant(shape), tf.constant(new long[] {seed, 0}), TFloat32.class)),
        new TpuTrainStep.Weight("dense.bias", Shape.of(3), (tf, shape, seed) -> tf.zeros(tf.constant(shape), TFloat32.class)));
    return TpuTrainStep.build(g, strategy, Shape.of(64, 4), Shape.of(64), weights, 0.1f, 42,
        (tf, x, y, w) -> {
          Operand<TFloat32> logits = tf.nn.biasAdd(tf.linalg.matMul(x, w.get(0)), w.get(1));
          Operand<TFloat32> oneHot = tf.oneHot(tf.dtypes.cast(y, TInt32.class), tf.constant(3),
              tf.constant(1f), tf.constant(0f));
          Operand<TFloat32> logLikelihood = tf.reduceSum(tf.math.mul(oneHot, tf.nn.logSoftmax(logits)), tf.constant(1));
          return tf.math.neg(tf.math.mean(logLikelihood, tf.constant(0)));
        });
  }

  static NodeDef node(GraphDef def, String name) {
    return def.getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no node " + name));
  }
}
