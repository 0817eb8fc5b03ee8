package io.inscope.modules.layers;

import io.inscope.modules.strategy.ReplicaContext;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;

/**
 * What a layer sees while it is applied on one replica.
 *
 * @param replica the replica, its device and its variable components
 * @param training true in the training step (dropout drops, batch normalization uses batch
 *     statistics and updates its moving averages)
 * @param step the global step being run (int64 scalar), for per-step random masks that are the
 *     same on a resumed run
 * @param updates where a layer adds ops that must run with the training step (moving averages)
 * @param float16 {@code precision: mixed_float16}: matmuls and convolutions compute in float16
 *     ({@link HalfCompute})
 */
public record CallContext(
    ReplicaContext replica, boolean training, Operand<TInt64> step, List<Op> updates, boolean float16) {

  /** A context that computes in float32. */
  public CallContext(ReplicaContext replica, boolean training, Operand<TInt64> step, List<Op> updates) {
    this(replica, training, step, updates, false);
  }

  public Ops tf() {
    return replica.tf();
  }
}
