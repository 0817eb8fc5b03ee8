package io.inscope.modules.strategy;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Places each gradient op on the device of the op it differentiates, as TensorFlow's
 * MirroredStrategy does with {@code colocate_gradients_with_ops}. TensorFlow's C API builds
 * gradients ({@code TF_AddGradients}, under {@code gradients/}, {@code gradients_1/}, ...) with no
 * device, and the placer puts an op with no device on the session's own task: every replica's
 * backward pass would run on task 0, and its activations and weights cross the network each step.
 * Here an unplaced gradient op takes the device of its first placed gradient input, else of its
 * first placed input (inputs come first in a GraphDef, so the chain of gradient ops that starts at a
 * replica's loss stays on that replica's device).
 */
final class GradientPlacement {
  private static final Pattern GRADIENT = Pattern.compile("gradients(_\\d+)?/.*");

  private GradientPlacement() {}

  static GraphDef colocated(GraphDef def) {
    Map<String, String> device = new HashMap<>();
    GraphDef.Builder out = def.toBuilder();
    for (int i = 0; i < out.getNodeCount(); i++) {
      NodeDef node = out.getNode(i);
      String placed = node.getDevice();
      if (placed.isEmpty() && GRADIENT.matcher(node.getName()).matches()) {
        placed = inputDevice(node, device);
        if (!placed.isEmpty()) {
          out.setNode(i, node.toBuilder().setDevice(placed));
        }
      }
      device.put(node.getName(), placed);
    }
    return out.build();
  }

  /**
   * The device of the first placed gradient input (the backward chain of one replica), else of the
   * first placed input (the forward op's own values), else none.
   */
  private static String inputDevice(NodeDef node, Map<String, String> device) {
    String fallback = "";
    for (String input : node.getInputList()) {
      if (input.startsWith("^")) {
        continue;
      }
      int colon = input.lastIndexOf(':');
      String name = colon < 0 ? input : input.substring(0, colon);
      String from = device.getOrDefault(name, "");
      if (from.isEmpty()) {
        continue;
      }
      if (GRADIENT.matcher(name).matches()) {
        return from;
      }
      if (fallback.isEmpty()) {
        fallback = from;
      }
    }
    return fallback;
  }
}
