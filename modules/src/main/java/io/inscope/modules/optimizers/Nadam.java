package io.inscope.modules.optimizers;

import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.StrategyScope;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras 3's Nadam: with {@code u_t = β1 (1 − ½·0.96^t)} and {@code P_t = u_1 ⋯ u_t},
 * {@code m = β1 m + (1−β1) g}, {@code v = β2 v + (1−β2) g²},
 * {@code m̂ = u_{t+1} m / (1 − P_t u_{t+1}) + (1 − u_t) g / (1 − P_t)}, {@code v̂ = v / (1 − β2^t)},
 * {@code w −= η m̂ / (√v̂ + ε)}. {@code P_t} is kept in the state variable {@code u_product}.
 *
 * <p>Written out because TensorFlow has no Nadam kernel, and tensorflow-framework's {@code Nadam}
 * counts steps in a Java field at graph-building time (every run uses step 1's corrections).
 */
final class Nadam extends AdamFamily {
  private static final float DECAY = 0.96f;

  private MirroredVariable<TFloat32> uProduct;

  Nadam(Settings settings, float beta1, float beta2, float epsilon) {
    super(settings, beta1, beta2, epsilon);
  }

  @Override
  void buildState(StrategyScope scope) {
    uProduct = scope.createVariable("u_product", Shape.scalar(), TFloat32.class,
        MirroredVariable.Kind.OPTIMIZER, false, (tf, shape, seed) -> tf.constant(1f));
  }

  @Override
  Rule rule(Ops tf, int replica, Operand<TFloat32> t, Operand<TFloat32> lr) {
    Operand<TFloat32> ut = momentumAt(tf, t);
    Operand<TFloat32> ut1 = momentumAt(tf, tf.math.add(t, scalar(tf, 1)));
    Operand<TFloat32> productT = tf.math.mul(uProduct.read(tf, replica), ut);
    Operand<TFloat32> beta2Power = tf.math.pow(scalar(tf, beta2), t);
    Operand<TFloat32> one = scalar(tf, 1);
    return new Rule() {
      @Override
      public Op update(MirroredVariable<TFloat32> w, Operand<TFloat32> g) {
        MirroredVariable<TFloat32> m = slot(w, "m");
        MirroredVariable<TFloat32> v = slot(w, "v");
        Operand<TFloat32> mDelta = tf.math.mul(tf.math.sub(g, m.read(tf, replica)), scalar(tf, 1 - beta1));
        Operand<TFloat32> vDelta =
            tf.math.mul(tf.math.sub(tf.math.square(g), v.read(tf, replica)), scalar(tf, 1 - beta2));
        Ops moved = tf.withControlDependencies(
            List.of(m.assignAdd(tf, replica, mDelta), v.assignAdd(tf, replica, vDelta)));
        Operand<TFloat32> newM = m.read(moved, replica);
        Operand<TFloat32> newV = v.read(moved, replica);
        Operand<TFloat32> fromM =
            tf.math.div(tf.math.mul(ut1, newM), tf.math.sub(one, tf.math.mul(productT, ut1)));
        Operand<TFloat32> fromG = tf.math.div(tf.math.mul(tf.math.sub(one, ut), g), tf.math.sub(one, productT));
        Operand<TFloat32> vHat = tf.math.div(newV, tf.math.sub(one, beta2Power));
        Operand<TFloat32> step = tf.math.div(
            tf.math.mul(tf.math.add(fromM, fromG), lr),
            tf.math.add(tf.math.sqrt(vHat), scalar(tf, epsilon)));
        return w.assignSub(tf, replica, step);
      }

      @Override
      public List<Op> afterUpdates(Ops after) {
        return List.of(uProduct.assign(after, replica, productT));
      }
    };
  }

  private Operand<TFloat32> momentumAt(Ops tf, Operand<TFloat32> t) {
    Operand<TFloat32> decayed = tf.math.mul(scalar(tf, 0.5), tf.math.pow(scalar(tf, DECAY), t));
    return tf.math.mul(scalar(tf, beta1), tf.math.sub(scalar(tf, 1), decayed));
  }
}
