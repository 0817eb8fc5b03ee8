package io.inscope.configs;

/**
 * How the computation is replicated.
 *
 * <pre>
 * strategy: {type: mirrored, replicas: 4}
 * </pre>
 */
public record StrategySpec(
    @Doc("one_device | mirrored | multi_worker_mirrored | tpu") @Default("one_device")
        StrategyType type,
    @Doc("mirrored: local replicas (logical CPU devices or GPUs; default all GPUs, else 1); multi_worker_mirrored: replicas per task; tpu: cores")
        @OptionalKey
        @Range(min = 1)
        Integer replicas) {

  public StrategySpec {
    if (type == StrategyType.ONE_DEVICE && replicas != null && replicas != 1) {
      throw new SpecException(
          "replicas", "one_device has exactly 1 replica (got " + replicas + "); use type: mirrored");
    }
  }

  /** The replica count when the file alone fixes it (one_device, or an explicit count), else null. */
  public Integer knownReplicas() {
    if (type == StrategyType.ONE_DEVICE) {
      return 1;
    }
    return type == StrategyType.MIRRORED ? replicas : null;
  }
}
