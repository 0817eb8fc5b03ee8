package io.inscope.modules.initializers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import io.inscope.configs.initializers.ConstantSpec;
import io.inscope.configs.initializers.GlorotNormalSpec;
import io.inscope.configs.initializers.GlorotUniformSpec;
import io.inscope.configs.initializers.HeNormalSpec;
import io.inscope.configs.initializers.HeUniformSpec;
import io.inscope.configs.initializers.InitializerSpec;
import io.inscope.configs.initializers.LecunNormalSpec;
import io.inscope.configs.initializers.LecunUniformSpec;
import io.inscope.configs.initializers.OnesSpec;
import io.inscope.configs.initializers.OrthogonalSpec;
import io.inscope.configs.initializers.RandomNormalSpec;
import io.inscope.configs.initializers.RandomUniformSpec;
import io.inscope.configs.initializers.TruncatedNormalSpec;
import io.inscope.configs.initializers.ZerosSpec;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Each kind against its Keras definition, by statistics over tens of thousands of draws. */
class InitializersTest {
  /** The standard deviation of a unit normal truncated to [-2, 2]. */
  private static final double TRUNCATED = 0.87962566103423978;
  private static final Shape MATRIX = Shape.of(200, 300);
  private static final Shape KERNEL = Shape.of(3, 3, 16, 32);
  private static final Initializers INITIALIZERS =
      Guice.createInjector(new InitializersModule()).getInstance(Initializers.class);

  /** A fresh graph and session per draw, as a resumed run would have. */
  static float[] draw(InitializerSpec spec, Shape shape, long seed) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var value = INITIALIZERS.initialValue(spec, TFloat32.class).build(tf, shape, seed);
      assertEquals(shape, value.shape());
      try (Result r = s.runner().fetch(value).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        float[] a = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(a, false, false));
        return a;
      }
    }
  }

  static Stream<Arguments> uniformKinds() {
    return Stream.of(
        Arguments.of(new GlorotUniformSpec(), MATRIX, Math.sqrt(6.0 / (200 + 300))),
        Arguments.of(new HeUniformSpec(), MATRIX, Math.sqrt(6.0 / 200)),
        Arguments.of(new LecunUniformSpec(), MATRIX, Math.sqrt(3.0 / 200)),
        Arguments.of(new GlorotUniformSpec(), KERNEL, Math.sqrt(6.0 / (9 * 16 + 9 * 32))),
        Arguments.of(new HeUniformSpec(), KERNEL, Math.sqrt(6.0 / (9 * 16))));
  }

  @ParameterizedTest(name = "{0} {1}: limit {2}")
  @MethodSource("uniformKinds")
  void varianceScalingUniformFillsPlusMinusTheLimit(InitializerSpec spec, Shape shape, double limit) {
    Statistics s = Statistics.of(draw(spec, shape, 7));
    assertTrue(s.min() >= -limit && s.max() <= limit, "outside ±" + limit + ": " + s);
    assertTrue(s.min() < -0.99 * limit && s.max() > 0.99 * limit, "not filling ±" + limit + ": " + s);
    assertEquals(0, s.mean(), 0.02 * limit);
    assertEquals(limit / Math.sqrt(3), s.stddev(), 0.015 * limit / Math.sqrt(3));
  }

  static Stream<Arguments> normalKinds() {
    return Stream.of(
        Arguments.of(new GlorotNormalSpec(), MATRIX, Math.sqrt(2.0 / (200 + 300))),
        Arguments.of(new HeNormalSpec(), MATRIX, Math.sqrt(2.0 / 200)),
        Arguments.of(new LecunNormalSpec(), MATRIX, Math.sqrt(1.0 / 200)),
        Arguments.of(new GlorotNormalSpec(), KERNEL, Math.sqrt(2.0 / (9 * 16 + 9 * 32))),
        Arguments.of(new HeNormalSpec(), KERNEL, Math.sqrt(2.0 / (9 * 16))));
  }

  /** Keras draws a normal truncated at 2 stddev, the stddev divided by 0.8796 to make up for it. */
  @ParameterizedTest(name = "{0} {1}: stddev {2}")
  @MethodSource("normalKinds")
  void varianceScalingNormalHasTheTargetStddev(InitializerSpec spec, Shape shape, double target) {
    Statistics s = Statistics.of(draw(spec, shape, 7));
    double bound = 2 * target / TRUNCATED;
    assertTrue(-s.min() <= bound * 1.0001 && s.max() <= bound * 1.0001, "beyond " + bound + ": " + s);
    assertTrue(-s.min() > 0.99 * bound && s.max() > 0.99 * bound, "truncated before " + bound + ": " + s);
    assertEquals(0, s.mean(), 0.02 * target);
    assertEquals(target, s.stddev(), 0.02 * target);
  }

  @Test
  void randomNormalHasTheGivenMeanAndStddev() {
    Statistics s = Statistics.of(draw(new RandomNormalSpec(1.0, 0.5), MATRIX, 7));
    assertEquals(1.0, s.mean(), 0.01);
    assertEquals(0.5, s.stddev(), 0.01);
  }

  @Test
  void randomUniformFillsTheInterval() {
    Statistics s = Statistics.of(draw(new RandomUniformSpec(-0.2, 0.6), MATRIX, 7));
    assertTrue(s.min() >= -0.2 && s.max() < 0.6, s.toString());
    assertTrue(s.min() < -0.199 && s.max() > 0.599, s.toString());
    assertEquals(0.2, s.mean(), 0.005);
    assertEquals(0.8 / Math.sqrt(12), s.stddev(), 0.005);
  }

  /** Keras' truncated_normal: stddev before truncation (no correction), values within 2 stddev. */
  @Test
  void truncatedNormalRedrawsBeyondTwoStddev() {
    Statistics s = Statistics.of(draw(new TruncatedNormalSpec(0.5, 0.1), MATRIX, 7));
    assertTrue(s.min() >= 0.3 - 1e-6 && s.max() <= 0.7 + 1e-6, s.toString());
    assertEquals(0.5, s.mean(), 0.002);
    assertEquals(0.1 * TRUNCATED, s.stddev(), 0.002);
  }

  @Test
  void constantOnesAndZerosAreExact() {
    float[] c = new float[12];
    Arrays.fill(c, 0.25f);
    assertArrayEquals(c, draw(new ConstantSpec(0.25), Shape.of(3, 4), 7));
    Arrays.fill(c, 1f);
    assertArrayEquals(c, draw(new OnesSpec(), Shape.of(3, 4), 7));
    assertArrayEquals(new float[12], draw(new ZerosSpec(), Shape.of(3, 4), 7));
  }

  static Stream<Arguments> orthogonalShapes() {
    return Stream.of(
        Arguments.of(Shape.of(300, 200), false),
        Arguments.of(Shape.of(200, 300), true),
        Arguments.of(Shape.of(3, 3, 4, 8), false));
  }

  /** {@code W} as a {@code [prod(shape[:-1]), shape[-1]]} matrix: orthogonal columns (rows when wide) of norm gain. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("orthogonalShapes")
  void orthogonalGivesGainSquaredTimesIdentity(Shape shape, boolean wide) {
    double gain = 2;
    float[] a = draw(new OrthogonalSpec(gain), shape, 7);
    int cols = (int) shape.size(shape.numDimensions() - 1);
    int rows = a.length / cols;
    int n = wide ? rows : cols;
    int length = wide ? cols : rows;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double dot = 0;
        for (int k = 0; k < length; k++) {
          dot += wide ? a[i * cols + k] * a[j * cols + k] : a[k * cols + i] * a[k * cols + j];
        }
        assertEquals(i == j ? gain * gain : 0, dot, 1e-4, "(" + i + ", " + j + ")");
      }
    }
  }

  static Stream<InitializerSpec> randomKinds() {
    return Stream.of(
        new GlorotNormalSpec(), new GlorotUniformSpec(), new HeNormalSpec(), new HeUniformSpec(),
        new LecunNormalSpec(), new LecunUniformSpec(), new OrthogonalSpec(1.0),
        new RandomNormalSpec(0, 1), new RandomUniformSpec(-1, 1), new TruncatedNormalSpec(0, 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("randomKinds")
  void theSameSeedDrawsTheSameValuesAndAnotherSeedOthers(InitializerSpec spec) {
    Shape shape = Shape.of(20, 30);
    float[] a = draw(spec, shape, 11);
    assertArrayEquals(a, draw(spec, shape, 11));
    float[] b = draw(spec, shape, 12);
    int same = 0;
    for (int i = 0; i < a.length; i++) {
      same += a[i] == b[i] ? 1 : 0;
    }
    assertTrue(same < a.length / 100, same + " of " + a.length + " values equal with another seed");
  }
}
