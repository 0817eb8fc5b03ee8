package io.inscope.modules.optimizers;

import io.inscope.modules.strategy.MirroredVariable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Keras' weight moving average ({@code use_ema}): after the step's updates, {@code a = μ a + (1 −
 * μ) w} with {@code μ = decay}, except after the first step ({@code iterations} was 0), where
 * {@code μ = 0} makes the average the weight itself.
 */
final class MovingAverage {
  private MovingAverage() {}

  /**
   * @param after ops that wait for every update of the step
   * @param done the optimizer's iterations before this step
   */
  static List<Op> update(Ops after, int replica, List<MirroredVariable<TFloat32>> variables,
      Function<MirroredVariable<TFloat32>, MirroredVariable<TFloat32>> average, Operand<TInt64> done, double decay) {
    Operand<TFloat32> notFirst = after.dtypes.cast(after.math.notEqual(done, after.constant(0L)), TFloat32.class);
    Operand<TFloat32> mu = after.math.mul(notFirst, after.constant((float) decay));
    Operand<TFloat32> oneMinusMu = after.math.sub(after.constant(1f), mu);
    List<Op> ops = new ArrayList<>();
    for (MirroredVariable<TFloat32> v : variables) {
      MirroredVariable<TFloat32> a = average.apply(v);
      ops.add(a.assign(after, replica, after.math.add(
          after.math.mul(mu, a.read(after, replica)), after.math.mul(oneMinusMu, v.read(after, replica)))));
    }
    return ops;
  }

  /** Exchanges every component of every variable with its average's: all reads happen before any write. */
  static Op swap(Ops tf, List<MirroredVariable<TFloat32>> variables,
      Function<MirroredVariable<TFloat32>, MirroredVariable<TFloat32>> average) {
    List<Operand<? extends TType>> handles = new ArrayList<>();
    List<Operand<TFloat32>> values = new ArrayList<>();
    for (MirroredVariable<TFloat32> v : variables) {
      MirroredVariable<TFloat32> a = average.apply(v);
      for (int c = 0; c < v.components().size(); c++) {
        Operand<TFloat32> w = tf.readVariableOp(v.components().get(c), TFloat32.class);
        Operand<TFloat32> avg = tf.readVariableOp(a.components().get(c), TFloat32.class);
        handles.add(v.components().get(c));
        values.add(avg);
        handles.add(a.components().get(c));
        values.add(w);
      }
    }
    Ops afterReads = tf.withControlDependencies(new ArrayList<Op>(values));
    List<Op> writes = new ArrayList<>();
    for (int i = 0; i < handles.size(); i++) {
      writes.add(afterReads.assignVariableOp(handles.get(i), values.get(i)));
    }
    return tf.withName("swap").withControlDependencies(writes).noOp();
  }
}
