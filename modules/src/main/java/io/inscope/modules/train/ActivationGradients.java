package io.inscope.modules.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphEdges;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.DataType;

/**
 * Rewrites the backward pass that {@code Graph.addGradients} builds around {@code Relu} and
 * {@code Relu6} so that grappler's remapper can fuse {@code Conv2D + BiasAdd + Relu} and
 * {@code MatMul + BiasAdd + Relu} into one kernel ({@code _MklNativeFusedConv2D},
 * {@code _MklNativeFusedMatMul}), as it does for TensorFlow Python's graphs. Without it the step
 * runs a separate {@code Relu} pass over every activation (issue 19's profile,
 * {@code runner.jar bench --profile-cnn}). Two rewrites, both value-preserving bit for bit:
 *
 * <ul>
 *   <li>The C++ gradients feed {@code ReluGrad(dy, x)} with the activation's input {@code x} (the
 *       {@code BiasAdd} output, which then has a second consumer, so it cannot be fused away);
 *       TensorFlow Python's feed its output. Both are the same: {@code ReluGrad} passes {@code dy}
 *       where its second input is {@code > 0}, and {@code relu(x) > 0} exactly when {@code x > 0}
 *       ({@code Relu6Grad}: {@code 0 < relu6(x) < 6} exactly when {@code 0 < x < 6}). NaN
 *       pre-activations are the exception, through the fusion this enables, not the gradient:
 *       oneDNN's fused relu maps NaN to 0 where TensorFlow's {@code Relu} kernel keeps NaN (as in
 *       TensorFlow Python's fused graphs).
 *   <li>The C++ gradients of broadcasting ops ({@code Mul}, {@code Add}, ...) take
 *       {@code Shape(y)} of their inputs; grappler folds such a {@code Shape} into a constant with a
 *       control edge from {@code y}, and the remapper fuses no activation that has a control
 *       consumer. A {@code Shape} of an activation output whose shape is fully known is replaced by
 *       that constant, without the edge (Python's gradients use static shapes the same way).
 * </ul>
 */
final class ActivationGradients {
  private ActivationGradients() {}

  /** Applies both rewrites to every activation of the graph; returns how many edges changed. Idempotent. */
  static int rewrite(Graph graph, Ops tf) {
    List<GraphOperation> activations = new ArrayList<>();
    var ops = graph.operations();
    while (ops.hasNext()) {
      GraphOperation op = (GraphOperation) ops.next();
      if (op.type().equals("Relu") || op.type().equals("Relu6")) {
        activations.add(op);
      }
    }
    int changed = 0;
    for (GraphOperation op : activations) {
      changed += gradientsReadOutput(graph, op) + staticShapes(graph, tf, op);
    }
    return changed;
  }

  private static int gradientsReadOutput(Graph graph, GraphOperation activation) {
    String grad = activation.type() + "Grad";
    Output<?> x = activation.input(0);
    Output<?> y = activation.output(0);
    int changed = 0;
    for (GraphOperation c : ((GraphOperation) x.op()).consumers(x.index())) {
      if (c.type().equals(grad) && same(c.input(1), x) && !same(c.input(0), x)) {
        GraphEdges.update(graph, y, c, 1);
        changed++;
      }
    }
    return changed;
  }

  private static int staticShapes(Graph graph, Ops tf, GraphOperation activation) {
    Shape shape = activation.output(0).shape();
    if (shape.isUnknown() || shape.hasUnknownDimension()) {
      return 0;
    }
    int changed = 0;
    for (GraphOperation s : activation.consumers(0)) {
      if (!s.type().equals("Shape") || s.numConsumers(0) == 0) {
        continue;
      }
      Output<?> constant = constant(tf, s, shape);
      for (GraphOperation c : s.consumers(0)) {
        for (int i = 0; i < c.numInputs(); i++) {
          if (same(c.input(i), s.output(0))) {
            GraphEdges.update(graph, constant, c, i);
            changed++;
          }
        }
      }
    }
    return changed;
  }

  private static Output<?> constant(Ops tf, GraphOperation shapeOp, Shape shape) {
    Ops at = tf.withName(shapeOp.name().replace('/', '_') + "_static");
    Operand<?> c = shapeOp.output(0).dataType() == DataType.DT_INT64
        ? at.constant(shape.asArray())
        : at.constant(java.util.Arrays.stream(shape.asArray()).mapToInt(Math::toIntExact).toArray());
    return c.asOutput();
  }

  private static boolean same(Output<?> a, Output<?> b) {
    return a.index() == b.index() && a.op().name().equals(b.op().name());
  }
}
