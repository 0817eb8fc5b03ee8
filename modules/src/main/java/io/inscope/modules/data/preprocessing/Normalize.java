package io.inscope.modules.data.preprocessing;

import io.inscope.configs.data.NormalizeSpec;
import io.inscope.modules.data.ExampleShape;
import io.inscope.modules.data.PreprocessingStep;
import io.inscope.modules.data.internal.ImageOps;
import java.util.List;
import java.util.random.RandomGenerator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code normalize}: {@code (x - mean) * (1 / std)} per channel (the last axis), Keras' {@code
 * Normalization}; the division is the multiplication by the float32 inverse that TensorFlow's graph
 * optimizer makes of it, so evaluation and the exported model agree.
 */
public final class Normalize implements PreprocessingStep {
  private final float[] mean;
  private final float[] inverseStd;
  private final int elements;

  public Normalize(NormalizeSpec spec, ExampleShape shape) {
    this.mean = floats(spec.mean(), spec.channels());
    this.inverseStd = floats(spec.std(), spec.channels());
    for (int i = 0; i < inverseStd.length; i++) {
      inverseStd[i] = 1f / inverseStd[i];
    }
    this.elements = shape.elements();
  }

  @Override
  public void apply(float[] x, int at, RandomGenerator random) {
    ImageOps.normalize(x, at, elements, mean, inverseStd);
  }

  /** One value broadcasts to every element; several, over the last axis. */
  @Override
  public Operand<TFloat32> graph(Ops tf, Operand<TFloat32> batch, String name) {
    return tf.withName(name).math.mul(tf.math.sub(batch, constant(tf, mean)), constant(tf, inverseStd));
  }

  private static Operand<TFloat32> constant(Ops tf, float[] values) {
    return values.length == 1 ? tf.constant(values[0]) : tf.constant(values);
  }

  private static float[] floats(List<Double> values, int channels) {
    float[] out = new float[channels];
    for (int i = 0; i < channels; i++) {
      out[i] = values.get(values.size() == 1 ? 0 : i).floatValue();
    }
    return out;
  }
}
