package io.inscope.modules.layers;

import io.inscope.configs.Kind;
import io.inscope.configs.layers.BidirectionalSpec;
import io.inscope.configs.layers.GRUSpec;
import io.inscope.configs.layers.LSTMSpec;
import io.inscope.configs.layers.RecurrentSpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A recurrent layer named {@code <name>.forward_<kind>} and its reversed copy {@code
 * <name>.backward_<kind>} on the same input; see {@link BidirectionalSpec}.
 */
public final class Bidirectional extends NamedLayer {
  private final BidirectionalSpec spec;
  private final Layer forward;
  private final Layer backward;
  private final boolean sequences;

  public Bidirectional(BidirectionalSpec spec, String name, LayerServices services) {
    super(name);
    this.spec = spec;
    RecurrentSpec inner = (RecurrentSpec) spec.layer();
    String kind = spec.layer().getClass().getAnnotation(Kind.class).value();
    this.forward = recurrent(inner, name + ".forward_" + kind, services);
    this.backward = recurrent(inner.reversed(), name + ".backward_" + kind, services);
    this.sequences = inner.returnSequences();
  }

  private static Layer recurrent(RecurrentSpec spec, String name, LayerServices services) {
    if (spec instanceof LSTMSpec lstm) {
      return new LSTM(lstm, name, services);
    }
    if (spec instanceof GRUSpec gru) {
      return new GRU(gru, name, services);
    }
    throw new IllegalStateException("bidirectional wraps lstm or gru, not " + spec);
  }

  @Override
  public Shape build(Shape inputShape) {
    Shape out = forward.build(inputShape);
    backward.build(inputShape);
    if (spec.mergeMode() != BidirectionalSpec.MergeMode.CONCAT) {
      return out;
    }
    long[] d = out.asArray().clone();
    d[d.length - 1] *= 2;
    return Shape.of(d);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Operand<TFloat32> y = forward.call(ctx, input);
    Operand<TFloat32> yBack = backward.call(ctx, input);
    Ops tf = ctx.tf().withSubScope(name);
    if (sequences) {
      yBack = tf.reverse(yBack, tf.constant(new int[] {1}));
    }
    return switch (spec.mergeMode()) {
      case CONCAT -> tf.concat(List.of(y, yBack), tf.constant(-1));
      case SUM -> tf.math.add(y, yBack);
      case MUL -> tf.math.mul(y, yBack);
      case AVE -> tf.math.mul(tf.math.add(y, yBack), tf.constant(0.5f));
    };
  }
}
