package io.inscope.modules.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.types.TFloat32;

/**
 * Two replicas, each a matmul and a loss on its own device, differentiated through the C API (whose
 * gradient ops have no device): after {@link GradientPlacement}, every gradient op that computes on
 * a replica's values sits on that replica's device, and nothing else moves.
 */
class GradientPlacementTest {
  private static final List<String> DEVICES = List.of("/job:worker/replica:0/task:0/device:CPU:0",
      "/job:worker/replica:0/task:1/device:CPU:0");

  @Test
  void eachReplicasGradientOpsRunOnItsDevice() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.withName("x").constant(new float[][] {{1, 2}, {3, 4}});
      List<Output<?>[]> grads = new ArrayList<>();
      for (int r = 0; r < DEVICES.size(); r++) {
        Ops at = tf.withDevice(Placement.spec(DEVICES.get(r))).withSubScope("replica_" + r);
        Operand<TFloat32> w = at.withName("w").constant(new float[][] {{0.5f}, {-1f}});
        Operand<TFloat32> loss = at.withName("loss").math.square(at.linalg.matMul(x, w));
        grads.add(g.addGradients(loss.asOutput(), new Output<?>[] {w.asOutput()}));
      }
      GraphDef before = g.toGraphDef();
      GraphDef after = GradientPlacement.colocated(before);
      assertEquals(before.getNodeCount(), after.getNodeCount());
      for (int r = 0; r < DEVICES.size(); r++) {
        String gradient = grads.get(r)[0].op().name();
        assertEquals(Placement.spec(DEVICES.get(r)).toString(), node(after, gradient).getDevice(), gradient);
      }
      int moved = 0;
      for (int i = 0; i < before.getNodeCount(); i++) {
        NodeDef b = before.getNode(i);
        NodeDef a = after.getNode(i);
        if (!b.getDevice().equals(a.getDevice())) {
          assertTrue(b.getName().startsWith("gradients"), b.getName() + " is not a gradient op but was moved");
          assertTrue(b.getDevice().isEmpty(), b.getName() + " had a device already");
          moved++;
        }
      }
      assertTrue(moved >= 2 * 3, "only " + moved + " gradient ops were placed");
    }
  }

  private static NodeDef node(GraphDef def, String name) {
    return def.getNodeList().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
  }
}
