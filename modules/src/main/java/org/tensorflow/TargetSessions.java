package org.tensorflow;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetTarget;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;

/**
 * Opens a {@link Session} on a session target such as {@code grpc://host:port} (a TensorFlow
 * server's master). TensorFlow Java's public constructors always use the in-process target; this
 * class lives in package {@code org.tensorflow} to reach the package-private constructor that wraps
 * a native session made with {@code TF_SetTarget}.
 */
public final class TargetSessions {
  private TargetSessions() {}

  /**
   * @param target {@code ""} for in-process, else e.g. {@code grpc://localhost:2222}
   */
  public static Session open(Graph graph, String target, ConfigProto config) {
    if (target.isEmpty()) {
      return new Session(graph, config);
    }
    try (Graph.Reference ref = graph.ref(); PointerScope scope = new PointerScope()) {
      TF_Status status = TF_Status.newStatus();
      TF_SessionOptions opts = TF_SessionOptions.newSessionOptions();
      TF_SetTarget(opts, target);
      BytePointer bytes = new BytePointer(config.toByteArray());
      TF_SetConfig(opts, bytes, bytes.capacity(), status);
      status.throwExceptionIfNotOK();
      TF_Session session = TF_Session.newSession(ref.nativeHandle(), opts, status);
      status.throwExceptionIfNotOK();
      return new Session(graph, session.retainReference());
    }
  }
}
