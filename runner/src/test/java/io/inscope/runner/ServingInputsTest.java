package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.data.Vocabulary;
import io.inscope.modules.data.internal.ParallelImages;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * Exports loaded from Java with {@link SavedModelBundle} take raw inputs: a text model's
 * {@code serving_default} takes strings (its cross-entropy on the test reviews is the run's eval
 * loss) and still loads and serves after it is moved and the run directory deleted (the vocabulary
 * asset is found where the export is); an image model's {@code serving_bytes} takes PNG and JPEG
 * files and gives the logits that {@code serving_default} gives for the Java decoder's pixels.
 */
class ServingInputsTest {
  @TempDir Path tmp;

  @Test
  void aTextExportTakesStringsAndServesAfterItIsMoved() throws Exception {
    Path run = tmp.resolve("run");
    CliHarness.Run r = CliHarness.run("run", "../examples/reviews-text.yaml", "--output", run.toString(), "--quiet",
        "--set", "train.epochs=2");
    assertEquals(0, r.exit(), r.err());
    double loss = ExportTest.lastEval(run).get("loss").asDouble();
    Vocabulary vocabulary = Vocabulary.read(run.resolve(Vocabulary.FILE));
    Path moved = tmp.resolve("elsewhere/reviews/1");
    copyTree(run.resolve("export/saved_model/60"), moved);
    deleteTree(run);
    assertEquals(String.join("\n", vocabulary.tokens().subList(2, vocabulary.size())) + "\n",
        Files.readString(moved.resolve("assets/vocabulary.txt")), "the asset lists the tokens of ids 2, 3, ...");

    List<String> lines = Files.readAllLines(Path.of("../examples/data/reviews-test.tsv"));
    List<String> texts = lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.lastIndexOf('\t'))).toList();
    int[] labels = EvaluatePredictTest.reviewLabels(Path.of("../examples/data/reviews-test.tsv"), List.of("negative", "positive"));
    try (SavedModelBundle model = SavedModelBundle.load(moved.toString(), "serve");
        TString in = TString.tensorOf(NdArrays.vectorOfObjects(texts.toArray(String[]::new)));
        Result out = model.function("serving_default").call(Map.of("inputs", in))) {
      SignatureDef sig = model.metaGraphDef().getSignatureDefOrThrow("serving_default");
      assertEquals(DataType.DT_STRING, sig.getInputsOrThrow("inputs").getDtype());
      TFloat32 z = (TFloat32) out.get("logits").orElseThrow();
      double sum = 0;
      for (int i = 0; i < texts.size(); i++) {
        double max = Math.max(z.getFloat(i, 0), z.getFloat(i, 1));
        double lse = max + Math.log(Math.exp(z.getFloat(i, 0) - max) + Math.exp(z.getFloat(i, 1) - max));
        sum += lse - z.getFloat(i, labels[i]);
      }
      assertEquals(loss, sum / texts.size(), 1e-5, "cross-entropy of the moved export's logits on raw texts = the run's eval loss");
    }
  }

  @Test
  void anImageExportDecodesFilesInTheGraph() throws Exception {
    ServingData.pngs(tmp.resolve("train"), 30, 1);
    ServingData.pngs(tmp.resolve("eval"), 4, 2);
    String source = "image_folder: {path: %s, color_mode: grayscale, size: [3, 5]}, scale: 0.00392156862745098";
    Path job = ServingData.job(tmp, "images", source.formatted("train"), source.formatted("eval"),
        "{sparse_categorical_crossentropy: {from_logits: true}}", 3, "[3, 5, 1]");
    Path run = tmp.resolve("run");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", run.toString(), "--quiet", "--set", "train.epochs=1");
    assertEquals(0, r.exit(), r.err());
    List<byte[]> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(tmp.resolve("eval"))) {
      for (Path png : s.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
        files.add(Files.readAllBytes(png));
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(ImageIO.read(png.toFile()), "jpeg", jpeg);
        files.add(jpeg.toByteArray());
      }
    }
    int n = files.size();
    float[] pixels = ParallelImages.decode(n, files::get, 1, 3, 5);
    Path export;
    try (Stream<Path> s = Files.list(run.resolve("export/saved_model"))) {
      export = s.findFirst().orElseThrow();
    }
    try (SavedModelBundle model = SavedModelBundle.load(export.toString(), "serve");
        TString bytes = TString.tensorOfBytes(NdArrays.vectorOfObjects(files.toArray(byte[][]::new)));
        TFloat32 decoded = TFloat32.tensorOf(Shape.of(n, 3, 5, 1), d -> d.copyFrom(DataBuffers.of(pixels)));
        Result fromFiles = model.function("serving_bytes").call(Map.of("image_bytes", bytes));
        Result fromPixels = model.function("serving_default").call(Map.of("inputs", decoded))) {
      SignatureDef sig = model.metaGraphDef().getSignatureDefOrThrow("serving_bytes");
      assertEquals("tensorflow/serving/predict", sig.getMethodName());
      assertEquals(List.of("class_ids", "classes", "logits", "probabilities"), sig.getOutputsMap().keySet().stream().sorted().toList());
      TFloat32 a = (TFloat32) fromFiles.get("logits").orElseThrow();
      TFloat32 b = (TFloat32) fromPixels.get("logits").orElseThrow();
      assertEquals(Shape.of(n, 3), a.shape());
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < 3; c++) {
          assertEquals(b.getFloat(i, c), a.getFloat(i, c), 1e-5, (i % 2 == 0 ? "png " : "jpeg ") + i / 2 + ", class " + c);
        }
        assertEquals(((TString) fromPixels.get("classes").orElseThrow()).getObject(i),
            ((TString) fromFiles.get("classes").orElseThrow()).getObject(i));
      }
    }
    assertTrue(n == 24, "12 PNG and 12 JPEG files: " + n);
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void deleteTree(Path p) throws Exception {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
