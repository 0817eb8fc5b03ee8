package io.inscope.modules.layers;

import io.inscope.configs.Activation;
import org.tensorflow.Operand;
import org.tensorflow.framework.activations.ELU;
import org.tensorflow.framework.activations.GELU;
import org.tensorflow.framework.activations.ReLU;
import org.tensorflow.framework.activations.SELU;
import org.tensorflow.framework.activations.Sigmoid;
import org.tensorflow.framework.activations.Softmax;
import org.tensorflow.framework.activations.Swish;
import org.tensorflow.framework.activations.Tanh;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;

/** Applies a named activation: tensorflow-framework's implementation, or TensorFlow's op. */
public final class Activations {
  /** The slope of {@code leaky_relu} for negative inputs: Keras 3's {@code activations.leaky_relu} default. */
  public static final float LEAKY_RELU_SLOPE = 0.2f;

  private Activations() {}

  public static Operand<TFloat32> apply(Ops tf, Activation activation, Operand<TFloat32> x) {
    return switch (activation) {
      case ELU -> new ELU().call(tf, x);
      case GELU -> new GELU().call(tf, x);
      case HARD_SIGMOID -> tf.math.div(tf.nn.relu6(tf.math.add(x, tf.constant(3f))), tf.constant(6f));
      case LEAKY_RELU -> tf.nn.leakyRelu(x, LeakyRelu.alpha(LEAKY_RELU_SLOPE));
      case LINEAR -> x;
      case RELU -> new ReLU().call(tf, x);
      case RELU6 -> tf.nn.relu6(x);
      case SELU -> new SELU().call(tf, x);
      case SIGMOID -> new Sigmoid().call(tf, x);
      case SOFTMAX -> new Softmax().call(tf, x);
      case SOFTPLUS -> tf.math.softplus(x);
      case SWISH -> new Swish().call(tf, x);
      case TANH -> new Tanh().call(tf, x);
    };
  }
}
