package io.inscope.modules.tpu;

import com.google.protobuf.CodedInputStream;
import io.inscope.modules.strategy.StepCompilationException;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TString;

/**
 * Whether the TPU host compiled each replicated step, read as TPUEstimator does before training:
 * each cluster's {@code TPUCompilationResult} is a serialized {@code CompilationResultProto}
 * ({@code tensorflow/core/protobuf/tpu/compilation_result.proto}: {@code status_code = 1},
 * {@code status_error_message = 2}); a status other than OK is XLA's reason for refusing the step.
 */
public final class TpuCompilation {
  private TpuCompilation() {}

  /** Thrown when the TPU host could not compile a replicated step. */
  public static final class FailedException extends StepCompilationException {
    public FailedException(String message) {
      super(message);
    }
  }

  /**
   * Fetches the compilation status of every cluster from {@code session} (whose graph holds ops
   * of the clusters' names) and fails on the first that did not compile.
   */
  public static void check(Session session, List<TpuCluster.Replicated> clusters) throws FailedException {
    for (TpuCluster.Replicated cluster : clusters) {
      try (Result r = session.runner().fetch(cluster.compilationResult().name()).run()) {
        byte[] proto = ((TString) r.get(0)).asBytes().getObject();
        Optional<String> error = error(proto);
        if (error.isPresent()) {
          throw new FailedException("the TPU could not compile the training step (" + cluster.name() + "): "
              + error.get() + "; every op of the model must have an XLA kernel with static shapes");
        }
      }
    }
  }

  /** The status and message of a serialized CompilationResultProto, or empty for OK. */
  static Optional<String> error(byte[] proto) {
    int code = 0;
    String message = "";
    try {
      CodedInputStream in = CodedInputStream.newInstance(proto);
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (tag) {
          case (1 << 3) -> code = in.readEnum();
          case (2 << 3) | 2 -> message = in.readStringRequireUtf8();
          default -> in.skipField(tag);
        }
      }
    } catch (IOException e) {
      return Optional.of("unreadable compilation result (" + e.getMessage() + ")");
    }
    return code == 0 ? Optional.empty() : Optional.of("status " + code + (message.isEmpty() ? "" : ", " + message));
  }
}
