package io.inscope.modules.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

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
    Operand<TInt32> ids =
        labels.shape().numDimensions() == outputs.shape().numDimensions()
            ? tf.dtypes.cast(tf.math.argMax(labels, tf.constant(-1)), TInt32.class)
            : tf.dtypes.cast(labels, TInt32.class);
    Operand<TFloat32> hit =
        tf.dtypes.cast(tf.nn.inTopK(outputs, ids, tf.constant(k)), TFloat32.class);
    return tf.reduceSum(hit, tf.constant(0));
  }
}
