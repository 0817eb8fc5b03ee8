package io.inscope.modules.layers;

import io.inscope.modules.strategy.Strategy;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/** Two replicas on the one CPU, reducing by a plain mean: enough to build replicated layers. */
final class TwoReplicas implements Strategy {
  @Override
  public String name() {
    return "two_replicas";
  }

  @Override
  public List<String> replicaDevices() {
    return List.of("/device:CPU:0", "/device:CPU:0");
  }

  @Override
  public String hostDevice() {
    return "/device:CPU:0";
  }

  @Override
  public <T extends TNumber> List<Operand<T>> allReduceMean(Ops tf, List<Operand<T>> perReplica) {
    Operand<T> two = tf.dtypes.cast(tf.constant(2f), perReplica.get(0).type());
    Operand<T> mean = tf.math.div(tf.math.addN(perReplica), two);
    return List.of(mean, mean);
  }
}
