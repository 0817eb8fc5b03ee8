package io.inscope.modules.cluster;

import io.inscope.configs.Precision;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * Mixed precision as a graph rewrite: the session's grappler pass {@code
 * auto_mixed_precision_onednn_bfloat16} (for {@code mixed_bfloat16}) converts the ops on its allow
 * list (Conv2D and its gradients, MatMul, and the element-wise ops between them) to bfloat16 and
 * inserts the casts; variables, optimizer state and the ops on its deny list (softmax,
 * cross-entropy, exp, log, reductions) stay float32, as Keras' {@code mixed_bfloat16} policy keeps
 * variables and the loss in float32. The graph the runner builds stays float32; checkpoints and
 * exports hold float32 weights.
 */
public final class Precisions {
  private Precisions() {}

  /** Sets the rewrite {@code precision} needs on {@code config}. */
  public static ConfigProto.Builder apply(ConfigProto.Builder config, Precision precision) {
    if (precision == Precision.MIXED_BFLOAT16) {
      GraphOptions.Builder graph = config.getGraphOptionsBuilder();
      RewriterConfig.Builder rewrite = graph.getRewriteOptionsBuilder();
      rewrite.setAutoMixedPrecisionOnednnBfloat16(RewriterConfig.Toggle.ON);
    }
    return config;
  }
}
