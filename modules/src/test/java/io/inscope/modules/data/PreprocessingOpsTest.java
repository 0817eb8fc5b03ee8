package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inscope.configs.DType;
import io.inscope.configs.Fraction;
import io.inscope.configs.InputSpec;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.FlipMode;
import io.inscope.configs.data.NormalizeSpec;
import io.inscope.configs.data.PreprocessingSpec;
import io.inscope.configs.data.RandomFlipSpec;
import io.inscope.configs.data.RescaleSpec;
import io.inscope.configs.data.SyntheticSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The exported model's preprocessing ops give what evaluation's Java code gives, to float rounding:
 * TensorFlow's graph optimizer folds chains of constant multiplies and adds ({@code (x * a) * b} to
 * {@code x * (a * b)}), which moves the last bit. Tolerance 1e-6 relative (float32 has 6e-8).
 */
class PreprocessingOpsTest {
  @Test
  void graphOpsEqualTheJavaStepsToFloatRounding() {
    InputSpec input = new InputSpec(List.of(3, 2, 3), DType.FLOAT32);
    List<PreprocessingSpec> steps = List.of(
        new RescaleSpec(Fraction.parse("1/127.5"), -1),
        new RandomFlipSpec(FlipMode.HORIZONTAL),
        new NormalizeSpec(List.of(0.1, -0.2, 0.3), List.of(0.7, 0.3, 0.9)),
        new NormalizeSpec(List.of(0.05), List.of(1.5)));
    DataSplitSpec split = new DataSplitSpec(new SyntheticSpec(8, 2), 0.5, steps, 0, 4);
    int rows = 5;
    float[] x = new float[rows * 18];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i * 97 % 511) * 0.5f + 0.25f;
    }
    float[] expected = x.clone();
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (float) (expected[i] * 0.5);
    }
    PreprocessingCompiler.builtIn().inference(steps, input).apply(expected, 0, rows, 0);
    float[] got = new float[x.length];
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3, 2, 3)));
      Operand<TFloat32> out = PreprocessingOps.apply(tf, in, split, input, PreprocessingCompiler.builtIn());
      try (TFloat32 feed = TFloat32.tensorOf(Shape.of(rows, 3, 2, 3), DataBuffers.of(x, true, false));
          TFloat32 result = (TFloat32) s.runner().feed(in, feed).fetch(out).run().get(0)) {
        result.copyTo(DataBuffers.of(got, false, false));
      }
    }
    for (int i = 0; i < got.length; i++) {
      assertEquals(expected[i], got[i], 1e-6 * Math.max(1, Math.abs(expected[i])), "at " + i);
    }
  }
}
