package io.inscope.modules.optimizers;

import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Keras 3's Nadam: with {@code u_t = β1 (1 − ½·0.96^t)} and {@code P_t = u_1 ⋯ u_t},
 * {@code m = β1 m + (1−β1) g}, {@code v = β2 v + (1−β2) g²},
 * {@code m̂ = u_{t+1} m / (1 − P_t u_{t+1}) + (1 − u_t) g / (1 − P_t)}, {@code v̂ = v / (1 − β2^t)},
 * {@code w −= η m̂ / (√v̂ + ε)}.
 *
 * <p>Used instead of tensorflow-framework's {@code Nadam}, which counts steps in a Java field at
 * graph-building time: every run of its graph uses step 1's bias correction {@code v / (1 − β2)}
 * and momentum schedule, so its steps shrink towards {@code √(1−β2)} of Keras' as training goes on.
 */
final class Nadam extends MomentOptimizer {
  private static final float DECAY = 0.96f;

  private Variable<TFloat32> uProduct;
  private Operand<TFloat32> ut;
  private Operand<TFloat32> ut1;
  private Operand<TFloat32> productT;
  private Operand<TFloat32> beta2Power;

  Nadam(Graph graph, float learningRate, float beta1, float beta2, float epsilon) {
    super(graph, learningRate, beta1, beta2, epsilon);
  }

  @Override
  protected void createState(List<Output<? extends TType>> variables) {
    super.createState(variables);
    uProduct = scalarVariable("u_product", TFloat32.class, tf.constant(1f));
  }

  @Override
  protected Optional<Op> prepare(String scopeName) {
    super.prepare(scopeName);
    Operand<TFloat32> t = step();
    ut = momentumAt(t);
    ut1 = momentumAt(tf.math.add(t, tf.constant(1f)));
    productT = tf.math.mul(uProduct, ut);
    beta2Power = tf.math.pow(tf.constant(beta2), t);
    return Optional.empty();
  }

  private Operand<TFloat32> momentumAt(Operand<TFloat32> t) {
    Operand<TFloat32> decayed = tf.math.mul(tf.constant(0.5f), tf.math.pow(tf.constant(DECAY), t));
    return tf.math.mul(tf.constant(beta1), tf.math.sub(tf.constant(1f), decayed));
  }

  @Override
  protected <T extends TType> Op applyDense(Ops deps, Output<T> gradient, Output<T> variable) {
    Class<T> type = gradient.type();
    Operand<T> one = scalar(deps, 1f, type);
    Operand<T> m = getSlot(variable, "m").orElseThrow();
    Operand<T> v = getSlot(variable, "v").orElseThrow();
    Operand<T> mDelta = deps.math.mul(deps.math.sub(gradient, m), scalar(deps, 1 - beta1, type));
    Operand<T> vDelta =
        deps.math.mul(deps.math.sub(deps.math.square(gradient), v), scalar(deps, 1 - beta2, type));
    Operand<T> newM = deps.assignAdd(m, mDelta);
    Operand<T> newV = deps.assignAdd(v, vDelta);
    Operand<T> u1 = deps.dtypes.cast(ut1, type);
    Operand<T> p = deps.dtypes.cast(productT, type);
    Operand<T> fromM = deps.math.div(deps.math.mul(u1, newM), deps.math.sub(one, deps.math.mul(p, u1)));
    Operand<T> fromG =
        deps.math.div(
            deps.math.mul(deps.math.sub(one, deps.dtypes.cast(ut, type)), gradient),
            deps.math.sub(one, p));
    Operand<T> vHat = deps.math.div(newV, deps.math.sub(one, deps.dtypes.cast(beta2Power, type)));
    Operand<T> step =
        deps.math.div(
            deps.math.mul(deps.math.add(fromM, fromG), scalar(deps, learningRate, type)),
            deps.math.add(deps.math.sqrt(vHat), scalar(deps, epsilon, type)));
    return deps.assignSub(variable, step);
  }

  private static <T extends TType> Operand<T> scalar(Ops tf, float value, Class<T> type) {
    return tf.dtypes.cast(tf.constant(value), type);
  }

  @Override
  List<Op> advance(Ops afterUpdates) {
    return List.of(afterUpdates.assign(uProduct, productT));
  }

  @Override
  public String getOptimizerName() {
    return "Nadam";
  }
}
