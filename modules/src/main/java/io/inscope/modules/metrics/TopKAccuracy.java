package io.inscope.modules.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Examples whose class id is among the {@code k} highest outputs ({@code tf.nn.in_top_k}). */
public final class TopKAccuracy implements Metric {
  private final int k;

  public TopKAccuracy(int k) {
    this.k = k;
  }

  @Override
  public String name() {
    return "top_" + k + "_accuracy";
  }

  @Override
  public Operand<TFloat32> batchSum(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> outputs) {
    Operand<TInt64> ids = ClassIds.of(tf, labels, outputs);
    Operand<TFloat32> hit =
        tf.dtypes.cast(tf.nn.inTopK(outputs, ids, tf.constant((long) k)), TFloat32.class);
    return tf.reduceSum(hit, tf.constant(0));
  }
}
