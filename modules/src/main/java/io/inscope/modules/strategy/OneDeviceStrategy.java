package io.inscope.modules.strategy;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/** Everything on one device: one replica, nothing to reduce. */
public final class OneDeviceStrategy implements Strategy {
  private final String device;

  public OneDeviceStrategy(String device) {
    this.device = device;
  }

  @Override
  public String name() {
    return "one_device";
  }

  @Override
  public List<String> replicaDevices() {
    return List.of(device);
  }

  @Override
  public String hostDevice() {
    return device;
  }

  @Override
  public <T extends TNumber> List<Operand<T>> allReduceMean(Ops tf, List<Operand<T>> perReplica) {
    if (perReplica.size() != 1) {
      throw new IllegalArgumentException("one_device reduces exactly 1 value, got " + perReplica.size());
    }
    return perReplica;
  }
}
