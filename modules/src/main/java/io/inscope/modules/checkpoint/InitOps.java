package io.inscope.modules.checkpoint;

import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.Rebinding;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.family.TType;

/**
 * {@code init_from}: one placeholder per layer weight and an op that assigns what is fed there to
 * every replica's component, so that weights read from another run reach all replicas alike.
 * Built with the graph (a TPU session runs a rewritten copy of it, see {@link #in}); only the
 * entries of the weights loaded are fed and run.
 *
 * @param entries the model's weights (kind {@link MirroredVariable.Kind#WEIGHT}), in creation order
 */
public record InitOps(List<Entry> entries) {
  /** One weight: its logical name, shape and dtype, and where its value is fed and assigned. */
  public record Entry(MirroredVariable<?> variable, Placeholder<?> value, Op assign) {}

  public InitOps {
    entries = List.copyOf(entries);
  }

  public static InitOps build(Ops root, List<MirroredVariable<?>> variables) {
    Ops tf = root.withSubScope("init_from");
    List<Entry> entries = new ArrayList<>();
    for (MirroredVariable<?> v : variables) {
      if (v.kind() != MirroredVariable.Kind.WEIGHT) {
        continue;
      }
      Placeholder<? extends TType> value = tf.placeholder(v.type(), Placeholder.shape(v.shape()));
      List<Op> assigns = new ArrayList<>();
      for (var c : v.components()) {
        assigns.add(tf.assignVariableOp(c, value));
      }
      entries.add(new Entry(v, value, tf.withControlDependencies(assigns).noOp()));
    }
    return new InitOps(entries);
  }

  /** The same ops, looked up by name in {@code graph}, imported from this one's {@code GraphDef}. */
  public InitOps in(Graph graph) {
    Rebinding g = new Rebinding(graph);
    List<Entry> rebound = new ArrayList<>();
    for (Entry e : entries) {
      rebound.add(new Entry(e.variable(), g.placeholder(e.value()), g.op(e.assign())));
    }
    return new InitOps(rebound);
  }
}
