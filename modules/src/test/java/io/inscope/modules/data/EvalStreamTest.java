package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import io.inscope.configs.DType;
import io.inscope.configs.Fraction;
import io.inscope.configs.data.DataSpec;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.FeatureSpec;
import io.inscope.configs.data.NormalizeSpec;
import io.inscope.configs.data.PreprocessingSpec;
import io.inscope.configs.data.RandomBrightnessSpec;
import io.inscope.configs.data.RescaleSpec;
import io.inscope.configs.data.SyntheticSpec;
import io.inscope.configs.data.TfrecordSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eval splits streamed from TFRecord files ({@code data.eval.cache: false}). */
class EvalStreamTest {
  private final DataLoader loader = Guice.createInjector(new DataModule()).getInstance(DataLoader.class);

  @TempDir Path tmp;

  /**
   * Five files matched by a glob (one empty, one gzip), read through the loader with scale and
   * preprocessing: a streamed pass gives, batch after batch (the last one smaller), exactly the
   * rows of the split held in memory, whatever {@code shuffle} and {@code num_parallel_reads} say.
   */
  @Test
  void aStreamedPassGivesTheBatchesOfTheSplitInMemoryBitForBit() throws Exception {
    shardedSet();
    List<String> glob = sharded();
    List<PreprocessingSpec> steps = List.of(new RescaleSpec(Fraction.parse("1/3"), 0.5),
        new NormalizeSpec(List.of(0.25, -1.0, 2.0), List.of(1.5)), new RandomBrightnessSpec(0.3, List.of(0.0, 255.0)));
    DataLoader.Splits cached = loader.loadSplits(data(split(glob, steps, true)), DataFiles.input(3), 5, Optional.empty());
    DataLoader.Splits streamed = loader.loadSplits(data(split(glob, steps, false)), DataFiles.input(3), 5, Optional.empty());
    assertNull(streamed.eval(), "a streamed split is not read into memory");
    assertEquals(97, streamed.evalStream().size());
    List<float[]> expected = pass(cached.evaluation(), 10);
    List<float[]> actual = pass(streamed.evaluation(), 10);
    assertEquals(20, actual.size(), "ten batches of features and labels, the last of 7 examples");
    assertEquals(7 * 3, actual.get(18).length);
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), (i % 2 == 0 ? "features" : "labels") + " of batch " + i / 2);
    }
    // the random step is training's only: the rows are those of scale, rescale, normalize
    float row0 = (float) (0 * 0.5);
    assertEquals((row0 * (float) (1.0 / 3) + 0.5f - 0.25f) * (1f / 1.5f), actual.get(0)[0]);
  }

  /** Files in sorted order, each from its first record; every pass starts again from the first. */
  @Test
  void everyPassReadsTheFilesInSortedOrderFromTheFirstRecord() throws Exception {
    shardedSet();
    EvalStream stream = EvalStream.open("data.eval", split(sharded(), null, false), Map.of("input", DataFiles.input(3)), PreprocessingCompiler.builtIn());
    for (int pass = 0; pass < 2; pass++) {
      List<float[]> batches = pass(stream, 32);
      List<Float> ids = new ArrayList<>();
      for (int b = 0; b < batches.size(); b += 2) {
        for (int i = 0; i < batches.get(b).length; i += 3) {
          ids.add(batches.get(b)[i] / 0.5f);
        }
      }
      assertEquals(97, ids.size());
      for (int id = 0; id < 97; id++) {
        assertEquals(id, ids.get(id), "example " + id + " of pass " + pass);
      }
    }
  }

  /** A record that is not a tf.Example fails the pass that reads it, naming the file and the record. */
  @Test
  void aDamagedRecordFailsThePassNamingFileAndRecord() throws Exception {
    DataFiles.numberedTriples(tmp.resolve("part-0.tfrecord"), 0, 12, false);
    Path bad = tmp.resolve("part-1.tfrecord");
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      records.add(i == 6 ? new byte[] {1, 2, 3} : DataFiles.example(new float[] {i, 0, 0}, 1));
    }
    DataFiles.tfrecord(bad, records.toArray(byte[][]::new));
    EvalStream stream = loader.loadSplits(data(split(List.of(tmp.resolve("part-*.tfrecord").toString()), null, false)), DataFiles.input(3), 5,
        Optional.empty()).evalStream();
    DataException e = assertThrows(DataException.class, () -> pass(stream, 4));
    assertTrue(e.getMessage().startsWith("data.eval.tfrecord: " + bad + ": record 6 (counting from 0)"), e.getMessage());
  }

  /** Labels are checked as they are read, as a streamed training split's are. */
  @Test
  void labelsAreCheckedAsTheyAreRead() throws Exception {
    DataFiles.numberedTriples(tmp.resolve("part-0.tfrecord"), 0, 30, false);
    EvalStream stream = EvalStream.open("data.eval", split(List.of(tmp.resolve("part-*.tfrecord").toString()), null, false), Map.of("input", DataFiles.input(3)), PreprocessingCompiler.builtIn());
    stream.checkLabels((labels, offset, origin) -> {
      if (labels[offset] > 3) {
        throw new DataException("data.eval.tfrecord", origin.get() + ": label " + labels[offset] + " is out of range");
      }
    });
    DataException e = assertThrows(DataException.class, () -> pass(stream, 8));
    assertEquals("data.eval.tfrecord: " + tmp.resolve("part-0.tfrecord")
        + ": record 4 (counting from 0): feature 'label': label 4.0 is out of range", e.getMessage());
  }

  /** Numeric labels streamed against a training split of class names: the error the in-memory split gets, before training. */
  @Test
  void numericLabelsAgainstTrainingClassNamesAreAnError() throws Exception {
    DataFiles.numberedTriples(tmp.resolve("part-0.tfrecord"), 0, 5, false);
    Path csv = Files.writeString(tmp.resolve("train.csv"), "a,b,c,y\n1,2,3,cat\n4,5,6,dog\n");
    DataSplitSpec train = new DataSplitSpec(new io.inscope.configs.data.CsvSpec(csv.toString(), "y", null, null), 1.0, 0, 2);
    DataException e = assertThrows(DataException.class, () -> loader.loadSplits(new DataSpec(train,
        split(List.of(tmp.resolve("part-*.tfrecord").toString()), null, false)), DataFiles.input(3), 5, Optional.empty()));
    assertEquals("data.eval.tfrecord: " + tmp.resolve("part-0.tfrecord") + ": the labels are numbers (a tfrecord feature)"
        + " but the training split's labels are class names (cat, dog); give both splits the same kind of labels", e.getMessage());
  }

  /** Each pass's batches, features then labels, of {@code batch} examples and a smaller last one. */
  static List<float[]> pass(EvalData data, int batch) throws Exception {
    List<float[]> out = new ArrayList<>();
    try (EvalData.Reader reader = data.open()) {
      for (long first = 0; first < data.size(); first += batch) {
        int n = (int) Math.min(batch, data.size() - first);
        float[] features = new float[n * data.featureElements()];
        float[] labels = new float[n * data.labelElements()];
        reader.read(features, labels, n);
        out.add(features);
        out.add(labels);
      }
    }
    return out;
  }

  /** The sharded set's patterns: the plain files, then the gzip one. */
  private List<String> sharded() {
    return List.of(tmp.resolve("part-*.tfrecord").toString(), tmp.resolve("part-*.tfrecord.gz").toString());
  }

  private static DataSpec data(DataSplitSpec eval) {
    return new DataSpec(new DataSplitSpec(new SyntheticSpec(16, 5), 1.0, 0, 4), eval);
  }

  /** A split of the files matching {@code patterns}, scale 0.5, three readers and a shuffle buffer (neither applies to eval). */
  private static DataSplitSpec split(List<String> patterns, List<PreprocessingSpec> steps, boolean cache) {
    Map<String, FeatureSpec> features = new LinkedHashMap<>();
    features.put("x", new FeatureSpec(List.of(3), DType.FLOAT32));
    features.put("label", new FeatureSpec(List.of(), DType.INT64));
    return new DataSplitSpec(new TfrecordSpec(patterns, features, "label", null, 3), 0.5, steps, 50, 10, cache);
  }

  // five files, records numbered 0..96 by their first feature: 30 + 0 + 25 + 1 + 41 (gzip)
  private void shardedSet() throws IOException {
    DataFiles.numberedTriples(tmp.resolve("part-0.tfrecord"), 0, 30, false);
    DataFiles.numberedTriples(tmp.resolve("part-1.tfrecord"), 30, 0, false);
    DataFiles.numberedTriples(tmp.resolve("part-2.tfrecord"), 30, 25, false);
    DataFiles.numberedTriples(tmp.resolve("part-3.tfrecord"), 55, 1, false);
    DataFiles.numberedTriples(tmp.resolve("part-4.tfrecord.gz"), 56, 41, true);
  }
}
