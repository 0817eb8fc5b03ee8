package io.inscope.modules.schedules;

import io.inscope.configs.schedules.ReduceOnPlateauSpec;
import io.inscope.modules.strategy.Rebinding;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * What the run loop needs to drive {@code reduce_on_plateau}: the current rate and an op that sets
 * it on every replica.
 *
 * @param newRate feed the new rate here
 * @param assign sets every replica's rate to {@code newRate}
 * @param current replica 0's rate
 */
public record PlateauOps(ReduceOnPlateauSpec spec, Placeholder<TFloat32> newRate, Op assign, Operand<TFloat32> current) {

  /** The plateau ops of a learning rate, or null when it is not (or does not end in) reduce_on_plateau. */
  public static PlateauOps of(LearningRate rate) {
    LearningRate r = rate instanceof Warmup w ? w.inner() : rate;
    return r instanceof ReduceOnPlateau p ? new PlateauOps(p.spec(), p.newRate(), p.assign(), p.current()) : null;
  }

  /** The same ops, looked up by name in {@code graph}. */
  public PlateauOps in(Graph graph) {
    Rebinding g = new Rebinding(graph);
    return new PlateauOps(spec, g.placeholder(newRate), g.op(assign), g.output(current));
  }
}
