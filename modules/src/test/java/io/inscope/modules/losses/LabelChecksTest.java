package io.inscope.modules.losses;

import static io.inscope.modules.data.DataFiles.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inscope.configs.DType;
import io.inscope.configs.data.CsvSpec;
import io.inscope.configs.data.FeatureSpec;
import io.inscope.configs.data.IdxSpec;
import io.inscope.configs.data.TfrecordSpec;
import io.inscope.configs.losses.BinaryCrossentropySpec;
import io.inscope.configs.losses.CategoricalCrossentropySpec;
import io.inscope.configs.losses.LossSpec;
import io.inscope.configs.losses.MeanSquaredErrorSpec;
import io.inscope.configs.losses.SparseCategoricalCrossentropySpec;
import io.inscope.modules.data.CsvSource;
import io.inscope.modules.data.DataException;
import io.inscope.modules.data.DataFiles;
import io.inscope.modules.data.Examples;
import io.inscope.modules.data.IdxSource;
import io.inscope.modules.data.TfrecordSource;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelChecksTest {
  private static final LossSpec SPARSE = new SparseCategoricalCrossentropySpec(true);
  private static final long[] THREE = {3};

  @TempDir Path dir;

  @Test
  void sparseClassIdsFromCsvMustBeWholeNumbersBelowTheOutputWidth() throws Exception {
    check(SPARSE, THREE, csv("0\n2\n1\n"));
    assertEquals("data.train.csv: " + dir.resolve("d.csv") + ":3: column 'y': label 7 is out of range: "
        + "sparse_categorical_crossentropy reads class ids, whole numbers in [0, 3) for the model's 3 outputs; "
        + "fix the label, or give the last layer 8 units or more", error(SPARSE, THREE, csv("0\n7\n1\n")));
    assertEquals("data.train.csv: " + dir.resolve("d.csv") + ":4: column 'y': label -1 is negative: "
        + "sparse_categorical_crossentropy reads class ids, whole numbers in [0, 3) for the model's 3 outputs; "
        + "fix the label (class ids count from 0)", error(SPARSE, THREE, csv("0\n2\n-1\n")));
    assertEquals("data.train.csv: " + dir.resolve("d.csv") + ":2: column 'y': label 1.5 is not a whole number: "
        + "sparse_categorical_crossentropy reads class ids, whole numbers in [0, 3) for the model's 3 outputs; "
        + "fix the label; for targets that are not class ids use a regression loss such as mean_squared_error",
        error(SPARSE, THREE, csv("1.5\n0\n")));
  }

  @Test
  void idxLabelsAreNamedByFileAndIndex() throws Exception {
    Path labels = DataFiles.idx(dir.resolve("labels.gz"), true, 0x08, new int[] {3}, new byte[] {0, 2, 7});
    Examples examples = idx(labels, 3);
    check(SPARSE, new long[] {8}, examples);
    assertEquals("data.train.idx: " + labels + ": label 2 (counting from 0): label 7 is out of range: "
        + "sparse_categorical_crossentropy reads class ids, whole numbers in [0, 3) for the model's 3 outputs; "
        + "fix the label, or give the last layer 8 units or more", error(SPARSE, THREE, examples));
    Path negative = DataFiles.idx(dir.resolve("signed.idx"), false, 0x09, new int[] {3}, new byte[] {0, -1, 1});
    assertEquals("data.train.idx: " + negative + ": label 1 (counting from 0): label -1 is negative: "
        + "sparse_categorical_crossentropy reads class ids, whole numbers in [0, 3) for the model's 3 outputs; "
        + "fix the label (class ids count from 0)", error(SPARSE, THREE, idx(negative, 3)));
    ByteArrayOutputStream floats = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(floats);
    out.writeFloat(1);
    out.writeFloat(Float.NaN);
    Path nan = DataFiles.idx(dir.resolve("nan.idx"), false, 0x0D, new int[] {2}, floats.toByteArray());
    assertEquals("data.train.idx: " + nan + ": label 1 (counting from 0): label NaN is not a finite number; "
        + "fix or drop the example", error(new MeanSquaredErrorSpec(), new long[] {1}, idx(nan, 2)));
  }

  @Test
  void tfrecordLabelsAreNamedByFileAndRecord() throws Exception {
    Path first = DataFiles.tfrecord(dir.resolve("a.tfrecord"), DataFiles.example(new float[] {1}, 0),
        DataFiles.example(new float[] {2}, 2));
    Path second = DataFiles.tfrecord(dir.resolve("b.tfrecord"), DataFiles.example(new float[] {3}, 1),
        DataFiles.example(new float[] {4}, 3));
    Examples examples = new TfrecordSource().load(new TfrecordSpec(List.of(first.toString(), second.toString()),
        Map.of("x", new FeatureSpec(List.of(1), DType.FLOAT32), "label", new FeatureSpec(List.of(), DType.INT64)), "label"),
        input(1), 0);
    check(SPARSE, new long[] {4}, examples);
    assertEquals("data.train.tfrecord: " + second + ": record 1 (counting from 0): feature 'label': label 3 is out of range: "
        + "sparse_categorical_crossentropy reads class ids, whole numbers in [0, 3) for the model's 3 outputs; "
        + "fix the label, or give the last layer 4 units or more", error(SPARSE, THREE, examples));
  }

  @Test
  void categoricalLabelsAreClassIdsOrOneHotRowsOfTheOutputWidth() throws Exception {
    LossSpec categorical = new CategoricalCrossentropySpec(true, 0);
    check(categorical, THREE, csv("0\n2\n"));
    assertEquals("data.train.csv: " + dir.resolve("d.csv") + ":3: column 'y': label 3 is out of range: "
        + "categorical_crossentropy reads class ids, whole numbers in [0, 3) for the model's 3 outputs; "
        + "fix the label, or give the last layer 4 units or more", error(categorical, THREE, csv("0\n3\n")));

    Path labels = DataFiles.idx(dir.resolve("onehot.idx"), false, 0x08, new int[] {2, 3}, new byte[] {0, 1, 0, 0, 0, 2});
    Examples oneHot = idx(labels, 2);
    check(categorical, new long[] {3}, idx(DataFiles.idx(dir.resolve("ok.idx"), false, 0x08, new int[] {2, 3},
        new byte[] {0, 1, 0, 0, 0, 1}), 2));
    assertEquals("data.train.idx: " + labels + ": label 1 (counting from 0): value 2 (counting from 0): label 2 is "
        + "outside [0, 1]: categorical_crossentropy reads probabilities (one-hot or soft labels); fix the label, or use "
        + "a regression loss such as mean_squared_error for other targets", error(categorical, THREE, oneHot));
    assertEquals("data.train.idx: " + labels + ": label 0 (counting from 0): the labels have shape [3] (3 values) but the "
        + "model's outputs [4] (4 values); categorical_crossentropy needs one label value per output: change the last "
        + "layer's units to the one-hot width 3 or the loss", error(categorical, new long[] {4}, oneHot));
  }

  @Test
  void binaryLabelsAreProbabilities() throws Exception {
    LossSpec binary = new BinaryCrossentropySpec(false, 0);
    check(binary, new long[] {1}, csv("0\n1\n0.25\n"));
    assertEquals("data.train.csv: " + dir.resolve("d.csv") + ":3: column 'y': label 2 is outside [0, 1]: "
        + "binary_crossentropy reads probabilities; fix the label, or use a regression loss such as mean_squared_error "
        + "for other targets", error(binary, new long[] {1}, csv("1\n2\n")));
    check(new MeanSquaredErrorSpec(), new long[] {1}, csv("1\n2\n-7.5\n"));
  }

  private Examples csv(String labels) throws IOException, DataException {
    Path file = dir.resolve("d.csv");
    StringBuilder s = new StringBuilder("x,y\n");
    labels.lines().forEach(label -> s.append("1,").append(label).append('\n'));
    Files.writeString(file, s);
    return new CsvSource().load(new CsvSpec(file.toString(), "y", null), input(1), 0);
  }

  private Examples idx(Path labels, int count) throws IOException, DataException {
    Path images = DataFiles.idx(dir.resolve("images-" + labels.getFileName()), false, 0x08, new int[] {count, 1}, new byte[count]);
    return new IdxSource().load(new IdxSpec(images.toString(), labels.toString()), input(1), 0);
  }

  private static void check(LossSpec loss, long[] outputs, Examples examples) throws DataException {
    LabelChecks.check(loss, outputs, examples, "data.train." + kind(examples));
  }

  private static String error(LossSpec loss, long[] outputs, Examples examples) {
    return assertThrows(DataException.class, () -> check(loss, outputs, examples)).getMessage();
  }

  private static String kind(Examples examples) {
    String origin = examples.origin(0);
    return origin.contains(".csv") ? "csv" : origin.contains("tfrecord") ? "tfrecord" : "idx";
  }
}
