package io.inscope.modules.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.inscope.configs.JobLoader;
import io.inscope.configs.JobSpec;
import io.inscope.modules.data.PreprocessingCompiler;
import io.inscope.modules.initializers.InitializersModule;
import io.inscope.modules.layers.LayersModule;
import io.inscope.modules.layers.ModelFactory;
import io.inscope.modules.strategy.MirroredVariable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The serving graph's outputs for each kind of task, from weights set here, against values
 * computed here in double: a one-layer model (kernel 0.5 + 0.1 × row, bias 0.25) on inputs scaled
 * by {@code data.train.scale} = 2.
 */
class ServingGraphTest {
  private static final Injector MODULES = Guice.createInjector(new InitializersModule(), new LayersModule());
  private static final float[][] X = {{0.1f, -0.4f, 0.3f}, {-0.2f, 0.5f, 0.05f}, {0.3f, 0.3f, -0.9f}};
  @TempDir Path dir;

  @Test
  void multiClassOnProbabilities() throws Exception {
    Map<String, Tensor> out = serve("{sparse_categorical_crossentropy: {}}", "{units: 3, activation: softmax}", "a\nb\nc\n");
    TFloat32 p = (TFloat32) out.get("probabilities");
    TFloat32 logits = (TFloat32) out.get("logits");
    for (int i = 0; i < X.length; i++) {
      double[] z = dense(X[i], 3);
      double max = Math.max(z[0], Math.max(z[1], z[2]));
      double sum = Math.exp(z[0] - max) + Math.exp(z[1] - max) + Math.exp(z[2] - max);
      int best = 0;
      for (int c = 0; c < 3; c++) {
        assertEquals(Math.exp(z[c] - max) / sum, p.getFloat(i, c), 1e-6, "softmax output");
        assertEquals(Math.log(Math.exp(z[c] - max) / sum), logits.getFloat(i, c), 1e-5, "logits = log(probabilities)");
        best = z[c] > z[best] ? c : best;
      }
      assertEquals(best, ((TInt64) out.get("class_ids")).getLong(i));
      assertEquals(List.of("a", "b", "c").get(best), ((TString) out.get("classes")).getObject(i));
    }
  }

  @Test
  void binaryOnLogits() throws Exception {
    Map<String, Tensor> out = serve("{binary_crossentropy: {from_logits: true}}", "{units: 1}", "neg\npos\n");
    TFloat32 p = (TFloat32) out.get("probabilities");
    assertEquals(Shape.of(X.length), out.get("class_ids").shape());
    int positives = 0;
    for (int i = 0; i < X.length; i++) {
      double z = dense(X[i], 1)[0];
      double sigmoid = 1 / (1 + Math.exp(-z));
      assertEquals(z, ((TFloat32) out.get("logits")).getFloat(i, 0), 1e-6);
      assertEquals(sigmoid, p.getFloat(i, 0), 1e-6, "sigmoid of the logit");
      long id = sigmoid > 0.5 ? 1 : 0;
      positives += (int) id;
      assertEquals(id, ((TInt64) out.get("class_ids")).getLong(i));
      assertEquals(id == 1 ? "pos" : "neg", ((TString) out.get("classes")).getObject(i));
    }
    assertEquals(2, positives, "the inputs reach both classes");
  }

  @Test
  void regressionGivesTheModelsOutputAsPredictions() throws Exception {
    Map<String, Tensor> out = serve("{mean_squared_error: {}}", "{units: 2}", "0\n1\n");
    assertEquals(List.of("predictions"), List.copyOf(out.keySet()));
    for (int i = 0; i < X.length; i++) {
      double[] z = dense(X[i], 2);
      for (int u = 0; u < 2; u++) {
        assertEquals(z[u], ((TFloat32) out.get("predictions")).getFloat(i, u), 1e-6);
      }
    }
  }

  /** kernel[r][c] = 0.5 + 0.1 r, bias 0.25, on 2 × x (the scale). */
  private static double[] dense(float[] x, int units) {
    double[] z = new double[units];
    for (int c = 0; c < units; c++) {
      z[c] = 0.25;
      for (int r = 0; r < x.length; r++) {
        z[c] += (0.5 + 0.1 * r) * (c % 2 == 0 ? 1 : -1) * 2 * x[r];
      }
    }
    return z;
  }

  private Map<String, Tensor> serve(String loss, String dense, String classes) throws Exception {
    Path job = Files.writeString(dir.resolve("job.yaml"), """
        version: 1
        name: t
        model:
          input: {shape: [3]}
          layers:
            - dense: %s
        loss: %s
        optimizer: {sgd: {learning_rate: 0.1}}
        data:
          train: {synthetic: {examples: 8, classes: 2}, batch_size: 4, scale: 2}
        train: {steps: 1}
        """.formatted(dense, loss));
    JobSpec spec = new JobLoader(Map.of()).load(job, List.of()).spec();
    Path assets = Files.createDirectories(dir.resolve("assets"));
    Files.writeString(assets.resolve(ServingGraph.CLASSES_ASSET), classes);
    Map<String, Tensor> out = new java.util.LinkedHashMap<>();
    try (Graph g = new Graph()) {
      ServingGraph serving = ServingGraph.build(g, MODULES.getInstance(ModelFactory.class), PreprocessingCompiler.builtIn(), spec, assets);
      try (Session s = new Session(g)) {
        Session.Runner load = s.runner();
        List<Tensor> fed = new java.util.ArrayList<>();
        for (int v = 0; v < serving.variables().size(); v++) {
          MirroredVariable<?> var = serving.variables().get(v);
          long[] dims = var.shape().asArray();
          float[] values = new float[(int) var.shape().size()];
          for (int k = 0; k < values.length; k++) {
            values[k] = dims.length == 1 ? 0.25f : (float) ((0.5 + 0.1 * (k / dims[1])) * ((k % dims[1]) % 2 == 0 ? 1 : -1));
          }
          TFloat32 t = TFloat32.tensorOf(var.shape(), d -> d.copyFrom(DataBuffers.of(values)));
          fed.add(t);
          load.feed(serving.values().get(v), t);
        }
        load.addTarget(serving.load()).addTarget(serving.init()).run();
        fed.forEach(Tensor::close);
        float[] flat = new float[X.length * 3];
        for (int i = 0; i < X.length; i++) {
          System.arraycopy(X[i], 0, flat, i * 3, 3);
        }
        try (TFloat32 x = TFloat32.tensorOf(Shape.of(X.length, 3), d -> d.copyFrom(DataBuffers.of(flat)))) {
          Session.Runner run = s.runner().feed(serving.inputs().get(ServingGraph.SINGLE_INPUT), x);
          serving.outputs().values().forEach(run::fetch);
          Result r = run.run();
          int i = 0;
          for (String name : serving.outputs().keySet()) {
            out.put(name, r.get(i++));
          }
        }
      }
    }
    return out;
  }
}
