package io.inscope.modules.data;

import static io.inscope.modules.data.IdxSourceTest.features;
import static io.inscope.modules.data.IdxSourceTest.input;
import static io.inscope.modules.data.IdxSourceTest.labels;
import static io.inscope.modules.data.IdxSourceTest.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.inscope.configs.DType;
import io.inscope.configs.data.Compression;
import io.inscope.configs.data.FeatureEncoding;
import io.inscope.configs.data.FeatureSpec;
import io.inscope.configs.data.TfrecordSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

class TfrecordSourceTest {
  @TempDir Path dir;

  private static final Map<String, FeatureSpec> FEATURES = Map.of(
      "image", new FeatureSpec(shape(3), DType.FLOAT32),
      "aux", new FeatureSpec(shape(2), DType.INT64),
      "label", new FeatureSpec(shape(), DType.INT64));

  @Test
  void readsFeaturesInSortedNameOrderAndTheLabel() throws Exception {
    Path file = dir.resolve("train.tfrecord");
    writeRecords(file, example(0), example(1));
    Examples examples = load(List.of(file.toString()));
    assertEquals(2, examples.size());
    assertArrayEquals(new long[] {5}, examples.featureShape());
    assertArrayEquals(new long[] {}, examples.labelShape());
    // "aux" sorts before "image".
    assertArrayEquals(new float[] {0, 0, 0.5f, 1.5f, 2.5f, 1, -1, 10.5f, 11.5f, 12.5f}, features(examples));
    assertArrayEquals(new float[] {3, 4}, labels(examples));
  }

  @Test
  void severalInputsReadTheFeatureOfTheirNameInTheInputsOrder() throws Exception {
    Path file = dir.resolve("train.tfrecord");
    writeRecords(file, example(0), example(1));
    Map<String, io.inscope.configs.InputSpec> inputs = new java.util.LinkedHashMap<>();
    inputs.put("image", input(3));
    inputs.put("aux", input(2, 1));
    Examples examples = new TfrecordSource().load(new TfrecordSpec(List.of(file.toString()), FEATURES, "label"), inputs, 0);
    assertArrayEquals(new long[] {5}, examples.featureShape());
    // image first (the inputs' order), then aux
    assertArrayEquals(new float[] {0.5f, 1.5f, 2.5f, 0, 0, 10.5f, 11.5f, 12.5f, 1, -1}, features(examples));
    assertArrayEquals(new float[] {3, 4}, labels(examples));
    try (FeatureStream stream = FeatureStream.open(new TfrecordSpec(List.of(file.toString()), FEATURES, "label"), inputs, file)) {
      float[] rows = new float[10];
      assertEquals(2, stream.read(rows, 4));
      assertArrayEquals(features(examples), rows);
    }

    inputs.put("imag", input(1));
    DataException e = assertThrows(DataException.class,
        () -> new TfrecordSource().load(new TfrecordSpec(List.of(file.toString()), FEATURES, "label"), inputs, 0));
    assertEquals("tfrecord.features: no feature 'imag' for model.inputs.imag (declared: [aux, image]); did you mean 'image'?"
        + "; each model input reads the feature of its name: declare it under features", e.getMessage());
    inputs.remove("imag");
    inputs.put("image", input(4));
    e = assertThrows(DataException.class,
        () -> new TfrecordSource().load(new TfrecordSpec(List.of(file.toString()), FEATURES, "label"), inputs, 0));
    assertEquals("tfrecord.features.image: feature 'image' holds 3 values (shape [3]) but model.inputs.image.shape [4] has 4"
        + "; make the shapes agree", e.getMessage());
  }

  @Test
  void globReadsMatchingFilesInSortedOrder() throws Exception {
    writeRecords(dir.resolve("part-1.tfrecord"), example(2));
    writeRecords(dir.resolve("part-0.tfrecord"), example(0), example(1));
    writeRecords(dir.resolve("part-10.tfrecord"), example(9));
    Examples examples = load(List.of(dir.resolve("part-?.tfrecord").toString()));
    assertArrayEquals(new float[] {3, 4, 5}, labels(examples));
  }

  @Test
  void corruptByteIsReportedWithFileAndRecord() throws Exception {
    Path file = dir.resolve("bad.tfrecord");
    writeRecords(file, example(0), example(1), example(2));
    byte[] bytes = Files.readAllBytes(file);
    int recordLength = (int) offsets(file).get(1).longValue();
    bytes[recordLength + 20] ^= 0x01;
    Files.write(file, bytes);
    DataException e = assertThrows(DataException.class, () -> load(List.of(file.toString())));
    assertEquals("tfrecord: " + file + ": record 1 (counting from 0) at byte " + recordLength
        + ": corrupt data (its CRC32C does not match); the file is damaged or is not a TFRecord file: write it again", e.getMessage());

    bytes[recordLength + 20] ^= 0x01;
    bytes[recordLength + 1] ^= 0x01;
    Files.write(file, bytes);
    DataException length = assertThrows(DataException.class, () -> load(List.of(file.toString())));
    assertTrue(length.getMessage().contains(": record 1 (counting from 0) at byte " + recordLength + ": corrupt length"), length.getMessage());
  }

  @Test
  void truncatedFileIsReported() throws Exception {
    Path file = dir.resolve("short.tfrecord");
    writeRecords(file, example(0), example(1));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    DataException e = assertThrows(DataException.class, () -> load(List.of(file.toString())));
    assertTrue(e.getMessage().contains("record 1 (counting from 0)") && e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void missingFeatureWrongTypeAndWrongLengthNameTheRecord() throws Exception {
    Path missing = dir.resolve("missing.tfrecord");
    writeRecords(missing, example(0), Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("image", floats(1, 2, 3)).putFeature("label", ints(1))).build());
    DataException e = assertThrows(DataException.class, () -> load(List.of(missing.toString())));
    assertEquals("tfrecord: " + missing + ": record 1 (counting from 0) at byte " + offsets(missing).get(1)
        + ": no feature 'aux' (the record has [image, label])", e.getMessage());

    Path wrongType = dir.resolve("type.tfrecord");
    writeRecords(wrongType, Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("aux", floats(1, 2)).putFeature("image", floats(1, 2, 3)).putFeature("label", ints(1))).build());
    DataException type = assertThrows(DataException.class, () -> load(List.of(wrongType.toString())));
    assertTrue(type.getMessage().endsWith("record 0 (counting from 0) at byte 0: feature 'aux' is a float_list but its dtype int64"
        + " reads an int64_list; set its dtype to float32"), type.getMessage());

    Path wrongLength = dir.resolve("length.tfrecord");
    writeRecords(wrongLength, Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("aux", ints(1, 2)).putFeature("image", floats(1, 2)).putFeature("label", ints(1))).build());
    DataException length = assertThrows(DataException.class, () -> load(List.of(wrongLength.toString())));
    assertTrue(length.getMessage().endsWith("feature 'image' has 2 values but its shape [3] needs 3;"
        + " fix the shape in 'features', or set variable_length: true to pad or truncate it"), length.getMessage());
  }

  @Test
  void gzipByNameAndDeclaredZlibReadTheSameRecords() throws Exception {
    Path plain = dir.resolve("plain.tfrecord");
    writeRecords(plain, example(0), example(1));
    byte[] records = Files.readAllBytes(plain);
    Path gz = dir.resolve("train.tfrecord.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(records);
    }
    Path zlib = dir.resolve("train.zz");
    try (OutputStream out = new DeflaterOutputStream(Files.newOutputStream(zlib))) {
      out.write(records);
    }
    float[] expected = features(load(List.of(plain.toString())));
    assertEquals(Compression.GZIP, new TfrecordSpec(List.of(gz.toString()), FEATURES, "label").compression());
    assertArrayEquals(expected, features(load(List.of(gz.toString()))));
    assertArrayEquals(expected, features(load(List.of(zlib.toString()), Compression.ZLIB)));
    assertArrayEquals(new float[] {3, 4, 3, 4}, labels(load(List.of(gz.toString(), plain.toString()))), "mixed: each file by its name");
  }

  @Test
  void wrongCompressionSaysWhatTheBytesLookLike() throws Exception {
    Path plain = dir.resolve("plain.tfrecord");
    writeRecords(plain, example(0));
    Path gz = dir.resolve("data.tfrecord");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(Files.readAllBytes(plain));
    }
    DataException gzipAsNone = assertThrows(DataException.class, () -> load(List.of(gz.toString())));
    assertEquals("tfrecord.compression: " + gz + ": read as none but its bytes look like gzip (they start 1f 8b 08 00);"
        + " set compression: gzip", gzipAsNone.getMessage());

    Path misnamed = dir.resolve("plain.tfrecord.gz");
    Files.copy(plain, misnamed);
    DataException noneAsGzip = assertThrows(DataException.class, () -> load(List.of(misnamed.toString())));
    assertTrue(noneAsGzip.getMessage().startsWith("tfrecord.compression: " + misnamed + ": read as gzip but its bytes look like"
        + " uncompressed TFRecord records (they start "), noneAsGzip.getMessage());
    assertTrue(noneAsGzip.getMessage().endsWith("; set compression: none"), noneAsGzip.getMessage());

    Path zlib = dir.resolve("z.tfrecord");
    try (OutputStream out = new DeflaterOutputStream(Files.newOutputStream(zlib))) {
      out.write(Files.readAllBytes(plain));
    }
    DataException zlibAsGzip = assertThrows(DataException.class, () -> load(List.of(zlib.toString()), Compression.GZIP));
    assertTrue(zlibAsGzip.getMessage().contains("read as gzip but its bytes look like zlib (they start 78 9c "), zlibAsGzip.getMessage());

    Path text = dir.resolve("notes.tfrecord");
    Files.writeString(text, "hello, this is not a record file");
    DataException garbage = assertThrows(DataException.class, () -> load(List.of(text.toString()), Compression.ZLIB));
    assertTrue(garbage.getMessage().contains("read as zlib but its bytes look like neither gzip (1f 8b), zlib (78 01/5e/9c/da)"
        + " nor uncompressed TFRecord records (they start 68 65 6c 6c); it is not a TFRecord file, or it is damaged"), garbage.getMessage());
  }

  /** An encoded PNG decodes and resizes as Keras does (tools/image-folder-reference.py). */
  @Test
  void bytesListImagesDecodeToTheDeclaredShape() throws Exception {
    byte[] png = Files.readAllBytes(ImageFolderSourceTest.REFERENCE.resolve("folder/cat/b-rgb.png"));
    Path file = dir.resolve("images.tfrecord.gz");
    writeRecords(file, true, Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("image", Feature.newBuilder().setBytesList(BytesList.newBuilder().addValue(ByteString.copyFrom(png))).build())
        .putFeature("label", ints(2))).build());
    Map<String, FeatureSpec> features = Map.of(
        "image", new FeatureSpec(shape(4, 6, 3), DType.FLOAT32, FeatureEncoding.IMAGE, false),
        "label", new FeatureSpec(shape(), DType.INT64));
    Examples examples = new TfrecordSource().load(new TfrecordSpec(List.of(file.toString()), features, "label"), input(4, 6, 3), 0);
    String keras = Files.readAllLines(ImageFolderSourceTest.REFERENCE.resolve("keras-rgb-4x6.txt")).stream()
        .filter(l -> l.contains(" cat/b-rgb.png ")).findFirst().orElseThrow();
    String[] values = keras.split(" ");
    float[] got = features(examples);
    assertEquals(72, got.length);
    for (int i = 0; i < got.length; i++) {
      assertEquals(Float.parseFloat(values[2 + i]), got[i], ImageFolderSourceTest.LOSSLESS, "value " + i);
    }
    assertArrayEquals(new float[] {2}, labels(examples));

    Path bad = dir.resolve("bad.tfrecord");
    writeRecords(bad, false, Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("image", Feature.newBuilder().setBytesList(BytesList.newBuilder().addValue(ByteString.copyFromUtf8("GIF89a..."))).build())
        .putFeature("label", ints(2))).build());
    DataException e = assertThrows(DataException.class, () ->
        new TfrecordSource().load(new TfrecordSpec(List.of(bad.toString()), features, "label"), input(4, 6, 3), 0));
    assertTrue(e.getMessage().startsWith("tfrecord: " + bad + ": record 0 (counting from 0) at byte 0: feature 'image': cannot be decoded as gif ("),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("; write the record again with a PNG, JPEG, GIF or BMP image"), e.getMessage());
  }

  @Test
  void variableLengthListsArePaddedWithZeroOrTruncated() throws Exception {
    Path file = dir.resolve("seq.tfrecord");
    writeRecords(file, seq(7), seq(5, 6, 7), seq(1, 2, 3, 4, 5), seq());
    Map<String, FeatureSpec> features = Map.of(
        "tokens", new FeatureSpec(shape(3), DType.INT64, FeatureEncoding.NONE, true),
        "label", new FeatureSpec(shape(), DType.INT64));
    Examples examples = new TfrecordSource().load(new TfrecordSpec(List.of(file.toString()), features, "label"), input(3), 0);
    assertArrayEquals(new float[] {7, 0, 0, 5, 6, 7, 1, 2, 3, 0, 0, 0}, features(examples));

    Map<String, FeatureSpec> fixed = Map.of("tokens", new FeatureSpec(shape(3), DType.INT64), "label", new FeatureSpec(shape(), DType.INT64));
    DataException e = assertThrows(DataException.class, () ->
        new TfrecordSource().load(new TfrecordSpec(List.of(file.toString()), fixed, "label"), input(3), 0));
    assertTrue(e.getMessage().endsWith("record 0 (counting from 0) at byte 0: feature 'tokens' has 1 values but its shape [3] needs 3;"
        + " fix the shape in 'features', or set variable_length: true to pad or truncate it"), e.getMessage());
  }

  private static Example seq(long... tokens) {
    return Example.newBuilder().setFeatures(Features.newBuilder().putFeature("tokens", ints(tokens)).putFeature("label", ints(0))).build();
  }

  @Test
  void declaredFeaturesMustAddUpToTheInput() {
    TfrecordSpec spec = new TfrecordSpec(List.of(dir.resolve("x").toString()), FEATURES, "label");
    DataException e = assertThrows(DataException.class, () -> new TfrecordSource().load(spec, input(4), 0));
    assertEquals("tfrecord.features: features [aux, image] hold 5 values but model.input.shape [4] has 4;"
        + " declare the features' shapes so that they add up to model.input, or change model.input.shape", e.getMessage());
  }

  private Examples load(List<String> paths) throws DataException {
    return new TfrecordSource().load(new TfrecordSpec(paths, FEATURES, "label"), input(5), 0);
  }

  private Examples load(List<String> paths, Compression compression) throws DataException {
    return new TfrecordSource().load(new TfrecordSpec(paths, FEATURES, "label", compression), input(5), 0);
  }

  /** Example i: aux = [i, -i], image = [10i + .5, 10i + 1.5, 10i + 2.5], label = i + 3. */
  private static Example example(int i) {
    return Example.newBuilder().setFeatures(Features.newBuilder()
            .putFeature("image", floats(10 * i + 0.5f, 10 * i + 1.5f, 10 * i + 2.5f))
            .putFeature("aux", ints(i, -i))
            .putFeature("label", ints(i + 3))
            .putFeature("ignored", floats(99)))
        .build();
  }

  private static Feature floats(float... values) {
    FloatList.Builder list = FloatList.newBuilder();
    for (float v : values) {
      list.addValue(v);
    }
    return Feature.newBuilder().setFloatList(list).build();
  }

  private static Feature ints(long... values) {
    Int64List.Builder list = Int64List.newBuilder();
    for (long v : values) {
      list.addValue(v);
    }
    return Feature.newBuilder().setInt64List(list).build();
  }

  /** TFRecord framing, written independently of the reader under test. */
  private static void writeRecords(Path file, Example... examples) throws IOException {
    writeRecords(file, false, examples);
  }

  static void writeRecords(Path file, boolean gzip, Example... examples) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Example example : examples) {
      byte[] data = example.toByteArray();
      byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
      out.write(length);
      out.write(le32(maskedCrc(length)));
      out.write(data);
      out.write(le32(maskedCrc(data)));
    }
    if (gzip) {
      try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file))) {
        gz.write(out.toByteArray());
      }
    } else {
      Files.write(file, out.toByteArray());
    }
  }

  /** The byte offset of each record, from the length fields. */
  private static List<Long> offsets(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    List<Long> offsets = new java.util.ArrayList<>();
    for (long offset = 0; offset < bytes.length; offset += 16 + ByteBuffer.wrap(bytes, (int) offset, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()) {
      offsets.add(offset);
    }
    return offsets;
  }

  private static int maskedCrc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + 0xa282ead8;
  }

  private static byte[] le32(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }
}
