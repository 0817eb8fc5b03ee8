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
import org.tensorflow.types.TFloat32;

/** Applies a named activation with tensorflow-framework's implementation. */
public final class Activations {
  private Activations() {}

  public static Operand<TFloat32> apply(Ops tf, Activation activation, Operand<TFloat32> x) {
    return switch (activation) {
      case ELU -> new ELU().call(tf, x);
      case GELU -> new GELU().call(tf, x);
      case LINEAR -> x;
      case RELU -> new ReLU().call(tf, x);
      case SELU -> new SELU().call(tf, x);
      case SIGMOID -> new Sigmoid().call(tf, x);
      case SOFTMAX -> new Softmax().call(tf, x);
      case SWISH -> new Swish().call(tf, x);
      case TANH -> new Tanh().call(tf, x);
    };
  }
}
