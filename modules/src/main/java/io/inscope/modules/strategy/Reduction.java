package io.inscope.modules.strategy;

import io.inscope.configs.AllReduce;
import io.inscope.configs.StrategySpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * How the replicas of a {@link MirroredStrategy} agree on a mean ({@code strategy.all_reduce}), as
 * TensorFlow's cross-device ops: {@link HubReduction} or {@link RingReduction}. Every replica gets
 * the same value, bit for bit, placed on its own device.
 */
public interface Reduction {

  /** The YAML name ({@code hub}, {@code ring}). */
  String name();

  /**
   * Means across replicas of several values at once.
   *
   * @param devices one device per replica
   * @param values per value, one operand per replica (same shape and type), in replica order
   * @return per value, the mean on each replica's device, in replica order
   */
  <T extends TNumber> List<List<Operand<T>>> mean(Ops tf, List<String> devices, List<List<Operand<T>>> values);

  /** The reduction {@code spec} asks for, {@code auto} resolved by the strategy type. */
  static Reduction of(StrategySpec spec) {
    return spec.resolvedAllReduce() == AllReduce.RING ? new RingReduction(spec.bytesPerPack()) : new HubReduction();
  }
}
