package org.tensorflow;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_UpdateEdge;

import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.internal.c_api.TF_Input;
import org.tensorflow.internal.c_api.TF_Output;
import org.tensorflow.internal.c_api.TF_Status;

/**
 * Re-points one input of an operation already in a graph ({@code TF_UpdateEdge} of TensorFlow's C
 * API, which TensorFlow Java does not expose). Lives in package {@code org.tensorflow} to reach the
 * graph's native handle. The graph must not have been run by a session yet: TensorFlow then fails
 * that session's next run, naming the changed operation.
 */
public final class GraphEdges {
  private GraphEdges() {}

  /**
   * Makes input {@code index} of {@code consumer} read {@code source} instead of what it read.
   *
   * @throws IllegalArgumentException when TensorFlow refuses (types or shapes that do not match)
   */
  public static void update(Graph graph, Output<?> source, GraphOperation consumer, int index) {
    try (Graph.Reference ref = graph.ref(); PointerScope scope = new PointerScope()) {
      TF_Output src = new TF_Output()
          .oper(((GraphOperation) source.op()).getUnsafeNativeHandle()).index(source.index());
      TF_Input dst = new TF_Input().oper(consumer.getUnsafeNativeHandle()).index(index);
      TF_Status status = TF_Status.newStatus();
      TF_UpdateEdge(ref.nativeHandle(), src, dst, status);
      try {
        status.throwExceptionIfNotOK();
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "cannot make input " + index + " of " + consumer.name() + " read " + source.op().name()
                + ":" + source.index() + ": " + e.getMessage(), e);
      }
    }
  }
}
