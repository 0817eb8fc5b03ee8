package io.inscope.modules.strategy;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * TensorFlow's {@code ReductionToOneDevice}: AddN of every replica's value on the first replica's
 * device, divided by N there, then an Identity on every replica's device. The first device sends
 * and receives (N - 1) times each value: across tasks, its link carries traffic that grows with the
 * number of tasks.
 */
public final class HubReduction implements Reduction {

  @Override
  public String name() {
    return "hub";
  }

  @Override
  public <T extends TNumber> List<List<Operand<T>>> mean(Ops tf, List<String> devices, List<List<Operand<T>>> values) {
    List<List<Operand<T>>> out = new ArrayList<>();
    for (List<Operand<T>> perReplica : values) {
      out.add(meanOfOne(tf, devices, perReplica));
    }
    return out;
  }

  private static <T extends TNumber> List<Operand<T>> meanOfOne(Ops tf, List<String> devices, List<Operand<T>> perReplica) {
    if (perReplica.size() == 1) {
      return perReplica;
    }
    Ops reduceOn = tf.withDevice(Placement.spec(devices.get(0))).withSubScope("all_reduce");
    Operand<T> sum = reduceOn.math.addN(perReplica);
    Operand<T> mean = reduceOn.math.div(sum, reduceOn.dtypes.cast(reduceOn.constant((float) perReplica.size()), sum.type()));
    List<Operand<T>> out = new ArrayList<>();
    for (String d : devices) {
      out.add(tf.withDevice(Placement.spec(d)).withSubScope("broadcast").identity(mean));
    }
    return out;
  }
}
