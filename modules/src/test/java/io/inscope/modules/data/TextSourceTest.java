package io.inscope.modules.data;

import static io.inscope.modules.data.IdxSourceTest.features;
import static io.inscope.modules.data.IdxSourceTest.input;
import static io.inscope.modules.data.IdxSourceTest.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inscope.configs.data.DataSpec;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.Separator;
import io.inscope.configs.data.TextSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextSourceTest {
  @TempDir Path dir;

  @Test
  void evalSplitUsesTheTrainingVocabularyAndClasses() throws Exception {
    Path train = dir.resolve("train.tsv");
    Files.writeString(train, "text\tlabel\nGood, good cat!\tyes\nbad dog\tno\n\"a \"\"quoted\"\"\tcat\"\tyes\n");
    Path eval = dir.resolve("eval.csv");
    Files.writeString(eval, "label,text\nyes,good bird\n");
    TextSpec trainSpec = new TextSpec(train.toString(), "text", "label", null, null, 4);
    assertEquals(Separator.TAB, trainSpec.separator());
    DataSpec data = new DataSpec(new DataSplitSpec(trainSpec, 1.0, 0, 1),
        new DataSplitSpec(new TextSpec(eval.toString(), "text", "label", null, null, 4), 1.0, 0, 1));
    DataLoader loader = new DataLoader(Map.of("text", new TextSource()), PreprocessingCompiler.builtIn());
    DataLoader.Splits splits = loader.loadSplits(data, input(4), 0, Optional.empty(), Optional.empty());
    // counts: good 2, cat 2, bad/dog/a/quoted 1 each; ties by descending UTF-8 bytes
    assertEquals(List.of("", "[UNK]", "good", "cat", "quoted", "dog", "bad", "a"), splits.vocabulary().orElseThrow().tokens());
    assertArrayEquals(new float[] {2, 2, 3, 0, 6, 5, 0, 0, 7, 4, 3, 0}, features(splits.train()));
    assertArrayEquals(new float[] {2, 1, 0, 0}, features(splits.eval()), "'bird' is out of the training vocabulary");
    assertArrayEquals(new float[] {1}, labels(splits.eval()), "classes no, yes of the training split");

    Vocabulary saved = Vocabulary.learn(List.of(List.of("bird")), null);
    DataLoader.Splits resumed = loader.loadSplits(data, input(4), 0, Optional.empty(), Optional.of(saved));
    assertArrayEquals(new float[] {1, 2, 0, 0}, features(resumed.eval()), "the saved vocabulary wins");
  }

  @Test
  void emptyTextsAndBadColumnsNameTheRow() throws Exception {
    Path file = dir.resolve("t.csv");
    Files.writeString(file, "text,label\nfine,1\n\" !?! \",0\n");
    DataException e = assertThrows(DataException.class, () -> load(file, "text", 3));
    assertEquals("text: " + file + ":3: column 'text': the text ' !?! ' has no word once punctuation is stripped; remove the row or write its text",
        e.getMessage());
    Files.writeString(file, "text,label\nfine,1\n,0\n");
    assertEquals("text: " + file + ":3: column 'text': the text is empty; remove the row or write its text",
        assertThrows(DataException.class, () -> load(file, "text", 3)).getMessage());
    assertEquals("text.text: " + file + ":1: no column 'txt' in the header (columns: text, label); did you mean 'text'?",
        assertThrows(DataException.class, () -> load(file, "txt", 3)).getMessage());
    Files.writeString(file, "text,label\nfine,1\n");
    assertEquals("text.sequence_length: 3 token ids per example but model.input.shape [4] has 4 values; set model.input.shape to [3]",
        assertThrows(DataException.class, () -> new TextSource().load(new TextSpec(file.toString(), "text", "label", null, null, 3), input(4), 0))
            .getMessage());
  }

  /**
   * The same reviews as a gzip TFRecord (text a bytes feature, label a bytes or int64 feature) and
   * as a TSV file give the same vocabulary, token ids and labels; a record without words, or the
   * file read with the wrong compression, fails naming the file and the record.
   */
  @Test
  void tfrecordBytesFeatureReadsAsTheCsvColumn() throws Exception {
    String[][] rows = {{"Good, good cat!", "yes"}, {"bad dog", "no"}, {"a \"quoted\"\tcat", "yes"}};
    StringBuilder tsv = new StringBuilder("text\tlabel\n");
    org.tensorflow.proto.Example[] records = new org.tensorflow.proto.Example[rows.length];
    for (int i = 0; i < rows.length; i++) {
      tsv.append('"').append(rows[i][0].replace("\"", "\"\"")).append("\"\t").append(rows[i][1]).append('\n');
      records[i] = example(rows[i][0], bytes(rows[i][1]));
    }
    Path table = Files.writeString(dir.resolve("reviews.tsv"), tsv);
    Path gz = dir.resolve("reviews.tfrecord.gz");
    TfrecordSourceTest.writeRecords(gz, true, records);
    TextSpec spec = new TextSpec(gz.toString(), "text", "label", null, null, 4);
    assertEquals(io.inscope.configs.data.Compression.GZIP, spec.compression());
    Examples fromRecords = new TextSource().load(spec, input(4), 0);
    Examples fromTable = new TextSource().load(new TextSpec(table.toString(), "text", "label", null, null, 4), input(4), 0);
    assertArrayEquals(features(fromTable), features(fromRecords));
    assertArrayEquals(labels(fromTable), labels(fromRecords));
    assertEquals(List.of("no", "yes"), fromRecords.classNames());
    assertEquals(gz + ": record 1 (counting from 0): feature 'label'", fromRecords.origin(1));

    Path ints = dir.resolve("ints.tfrecord");
    TfrecordSourceTest.writeRecords(ints, false, example("fine", org.tensorflow.proto.Feature.newBuilder()
        .setInt64List(org.tensorflow.proto.Int64List.newBuilder().addValue(3)).build()));
    assertArrayEquals(new float[] {3}, labels(new TextSource().load(new TextSpec(ints.toString(), "text", "label", null, null, 2), input(2), 0)));

    Path empty = dir.resolve("empty.tfrecord");
    TfrecordSourceTest.writeRecords(empty, false, example("fine", bytes("a")), example(" ?! ", bytes("b")));
    long second = 16 + example("fine", bytes("a")).getSerializedSize();
    assertEquals("text: " + empty + ": record 1 (counting from 0) at byte " + second + ": feature 'text': the text ' ?! ' has no word once punctuation"
        + " is stripped; remove the record or write its text",
        assertThrows(DataException.class, () -> new TextSource().load(new TextSpec(empty.toString(), "text", "label", null, null, 2), input(2), 0))
            .getMessage());
    String wrong = assertThrows(DataException.class, () -> new TextSource().load(
        new TextSpec(gz.toString(), "text", "label", null, null, 4, io.inscope.configs.data.Compression.NONE), input(4), 0)).getMessage();
    assertEquals("text.compression: " + gz + ": read as none but its bytes look like gzip (they start 1f 8b 08 00); set compression: gzip",
        wrong);
  }

  /** predict's raw texts from TFRecord files: every record's text bytes, in order, across files; gzip by name. */
  @Test
  void tfrecordTextsStreamRawForPrediction() throws Exception {
    Path in = Files.createDirectories(dir.resolve("predict"));
    TfrecordSourceTest.writeRecords(in.resolve("a.tfrecord.gz"), true, example("Good, good cat!", bytes("yes")),
        example("caf\u00e9 \u2014 \ud83d\ude00", bytes("no")));
    TfrecordSourceTest.writeRecords(in.resolve("b.tfrecord"), false, example("", bytes("no")), example("last one", bytes("yes")));
    TextSpec spec = new TextSpec(dir.resolve("train.tfrecord").toString(), "text", "label", null, null, 4);
    List<String> texts = new java.util.ArrayList<>();
    try (RawStream raw = RawStream.open(spec, in).orElseThrow()) {
      byte[][] batch = new byte[3][];
      for (int n = raw.read(batch, 3); n > 0; n = raw.read(batch, 3)) {
        for (int i = 0; i < n; i++) {
          texts.add(new String(batch[i], java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    assertEquals(List.of("Good, good cat!", "caf\u00e9 \u2014 \ud83d\ude00", "", "last one"), texts);
    Path other = dir.resolve("other.tfrecord");
    TfrecordSourceTest.writeRecords(other, false, org.tensorflow.proto.Example.newBuilder().setFeatures(
        org.tensorflow.proto.Features.newBuilder().putFeature("body", bytes("x"))).build());
    try (RawStream raw = RawStream.open(spec, other).orElseThrow()) {
      String message = assertThrows(DataException.class, () -> raw.read(new byte[1][], 1)).getMessage();
      assertEquals("text: " + other + ": record 0 (counting from 0) at byte 0: no feature 'text' (the record has [body]);"
          + " the model reads the text feature 'text'", message);
    }
  }

  private static org.tensorflow.proto.Example example(String text, org.tensorflow.proto.Feature label) {
    return org.tensorflow.proto.Example.newBuilder().setFeatures(org.tensorflow.proto.Features.newBuilder()
        .putFeature("text", bytes(text)).putFeature("label", label)).build();
  }

  private static org.tensorflow.proto.Feature bytes(String s) {
    return org.tensorflow.proto.Feature.newBuilder().setBytesList(org.tensorflow.proto.BytesList.newBuilder()
        .addValue(com.google.protobuf.ByteString.copyFromUtf8(s))).build();
  }

  private Examples load(Path file, String column, int length) throws DataException {
    return new TextSource().load(new TextSpec(file.toString(), column, "label", Separator.COMMA, null, length), input(length), 0);
  }
}
