package io.inscope.modules.strategy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.DeviceSpec;

/** Turns TensorFlow device names into {@link DeviceSpec}s for {@code Ops.withDevice}. */
public final class Placement {
  private static final Pattern NAME =
      Pattern.compile(
          "(?:/job:([^/]+))?(?:/replica:(\\d+))?(?:/task:(\\d+))?(?:/device:)?(CPU|GPU|TPU):(\\d+)");

  private Placement() {}

  /** Parses {@code /job:localhost/replica:0/task:0/device:CPU:1} (job, replica, task optional). */
  public static DeviceSpec spec(String deviceName) {
    Matcher m = NAME.matcher(deviceName);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a CPU, GPU or TPU device name: " + deviceName);
    }
    DeviceSpec.Builder b = DeviceSpec.newBuilder();
    if (m.group(1) != null) {
      b.job(m.group(1));
    }
    if (m.group(2) != null) {
      b.replica(Integer.parseInt(m.group(2)));
    }
    if (m.group(3) != null) {
      b.task(Integer.parseInt(m.group(3)));
    }
    return b.deviceType(DeviceSpec.DeviceType.valueOf(m.group(4)))
        .deviceIndex(Integer.parseInt(m.group(5)))
        .build();
  }
}
