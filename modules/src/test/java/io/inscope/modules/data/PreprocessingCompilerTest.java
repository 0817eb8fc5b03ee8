package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import io.inscope.configs.DType;
import io.inscope.configs.Fraction;
import io.inscope.configs.InputSpec;
import io.inscope.configs.Kind;
import io.inscope.configs.data.DataSpec;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.FeatureSpec;
import io.inscope.configs.data.PreprocessingSpec;
import io.inscope.configs.data.RescaleSpec;
import io.inscope.configs.data.SyntheticSpec;
import io.inscope.configs.data.TfrecordSpec;
import io.inscope.modules.data.internal.SplitMix64;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A kind a plugin module binds ({@link PreprocessingKinds}) is compiled, drawn and exported like a
 * built-in one; a kind whose module is missing is an error that names the step.
 */
class PreprocessingCompilerTest {
  private static final InputSpec ROW = new InputSpec(List.of(3), DType.FLOAT32);

  /** {@code x + by}, with graph ops. */
  @Kind("shift")
  record ShiftSpec(double by) implements PreprocessingSpec {}

  /** {@code x + u}, {@code u} one uniform draw per example. */
  @Kind("jitter")
  record JitterSpec() implements PreprocessingSpec {
    @Override
    public boolean random() {
      return true;
    }
  }

  /** What a plugin's Guice module does. */
  private static final class Plugin extends AbstractModule {
    @Override
    protected void configure() {
      PreprocessingKinds.of(binder())
          .add(ShiftSpec.class, (spec, shape) -> new PreprocessingStep() {
            @Override
            public void apply(float[] x, int at, java.util.random.RandomGenerator random) {
              for (int i = at; i < at + shape.elements(); i++) {
                x[i] += (float) spec.by();
              }
            }

            @Override
            public org.tensorflow.Operand<TFloat32> graph(Ops tf, org.tensorflow.Operand<TFloat32> batch, String name) {
              return tf.withName(name).math.add(batch, tf.constant((float) spec.by()));
            }
          })
          .add(JitterSpec.class, (spec, shape) -> (x, at, random) -> {
            float u = (float) random.nextDouble();
            for (int i = at; i < at + shape.elements(); i++) {
              x[i] += u;
            }
          });
    }
  }

  private static final PreprocessingCompiler WITH_PLUGIN =
      Guice.createInjector(new DataModule(), new Plugin()).getInstance(PreprocessingCompiler.class);

  private static final List<PreprocessingSpec> STEPS =
      List.of(new RescaleSpec(Fraction.of(2), 0), new JitterSpec(), new ShiftSpec(0.5));

  @Test
  void aPluginKindRunsInListOrderWithTheBuiltInOnes() {
    float[] x = {1, 2, 3, -1, 0, 4};
    WITH_PLUGIN.training(STEPS, ROW, 11).apply(x, 0, 2, 7);
    for (int row = 0; row < 2; row++) {
      // jitter is step 1 of the list: its draw is keyed as a built-in augmentation's
      float u = (float) SplitMix64.forKeys(11, Preprocessing.AUGMENT, 7, row, 1).nextDouble();
      float[] in = row == 0 ? new float[] {1, 2, 3} : new float[] {-1, 0, 4};
      for (int i = 0; i < 3; i++) {
        assertEquals(in[i] * 2f + u + 0.5f, x[row * 3 + i], 0f, "row " + row + ", value " + i);
      }
    }
  }

  @Test
  void inferenceAndTheExportRunThePluginStepThatIsNotRandom() {
    float[] x = {1, 2, 3, -1, 0, 4};
    Preprocessing inference = WITH_PLUGIN.inference(STEPS, ROW);
    float[] expected = {2.5f, 4.5f, 6.5f, -1.5f, 0.5f, 8.5f};
    float[] javaSide = x.clone();
    inference.apply(javaSide, 0, 2, 0);
    assertArrayEquals(expected, javaSide);
    DataSplitSpec split = new DataSplitSpec(new SyntheticSpec(8, 2), 1.0, STEPS, 0, 4);
    float[] graphSide = new float[6];
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      var out = PreprocessingOps.apply(tf, in, split, ROW, WITH_PLUGIN);
      try (TFloat32 feed = TFloat32.tensorOf(Shape.of(2, 3), DataBuffers.of(x, true, false));
          TFloat32 result = (TFloat32) s.runner().feed(in, feed).fetch(out).run().get(0)) {
        result.copyTo(DataBuffers.of(graphSide, false, false));
      }
      assertTrue(g.operation("shift_1") != null, "the step's op is named after its kind and place");
    }
    assertArrayEquals(expected, graphSide);
  }

  @Test
  void aKindWithoutItsModuleIsAnErrorNamingTheStep() {
    DataSplitSpec split = new DataSplitSpec(new SyntheticSpec(8, 2), 1.0, STEPS, 0, 4);
    DataException e = assertThrows(DataException.class, () -> PreprocessingCompiler.builtIn().checkBound(split, "data.train"));
    assertEquals("data.train.preprocessing[1].jitter: no factory is bound for the preprocessing kind 'jitter' ("
        + JitterSpec.class.getName() + "); add the Guice module that binds it to the job's plugins:", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PreprocessingCompiler.builtIn().training(STEPS, ROW, 1));
  }

  @Test
  void aStepThatIsNotRandomWithoutGraphOpsCannotBeExported() {
    PreprocessingCompiler noGraph = Guice.createInjector(new AbstractModule() {
      @Override
      protected void configure() {
        PreprocessingKinds.of(binder()).add(ShiftSpec.class, (spec, shape) -> (x, at, random) -> { });
      }
    }).getInstance(PreprocessingCompiler.class);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> noGraph.inference(List.of(new ShiftSpec(1)), ROW).graph(tf, in));
      assertTrue(e.getMessage().startsWith("the preprocessing kind 'shift' gives no graph ops, so the exported model cannot"
          + " apply it"), e.getMessage());
    }
    // refused when the training steps are compiled, before any training (not at the export after it)
    assertThrows(IllegalStateException.class, () -> noGraph.training(List.of(new ShiftSpec(1)), ROW, 1));
  }

  /** A streamed eval split ({@code cache: false}) runs the plugin's step on each batch as read, as one held in memory does. */
  @Test
  void aStreamedEvalSplitRunsThePluginStep(@TempDir Path tmp) throws Exception {
    DataFiles.tfrecord(tmp.resolve("eval.tfrecord"), DataFiles.example(new float[] {1, 2, 3}, 0),
        DataFiles.example(new float[] {-1, 0, 4}, 1));
    Map<String, FeatureSpec> features = new LinkedHashMap<>();
    features.put("x", new FeatureSpec(List.of(3), DType.FLOAT32));
    features.put("label", new FeatureSpec(List.of(), DType.INT64));
    DataSplitSpec eval = new DataSplitSpec(new TfrecordSpec(List.of(tmp.resolve("eval.tfrecord").toString()), features, "label",
        null, 1), 1.0, STEPS, 0, 2, false);
    DataLoader loader = Guice.createInjector(new DataModule(), new Plugin()).getInstance(DataLoader.class);
    EvalData streamed = loader.loadSplits(new DataSpec(new DataSplitSpec(new SyntheticSpec(8, 2), 1.0, 0, 4), eval), ROW, 5,
        Optional.empty()).evaluation();
    float[] x = new float[6];
    try (EvalData.Reader reader = streamed.open()) {
      reader.read(x, new float[2], 2);
    }
    assertArrayEquals(new float[] {2.5f, 4.5f, 6.5f, -1.5f, 0.5f, 8.5f}, x);
  }
}
