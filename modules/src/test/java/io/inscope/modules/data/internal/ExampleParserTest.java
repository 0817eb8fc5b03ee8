package io.inscope.modules.data.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * The parser against protobuf's own: every record it reads gives protobuf's values bit for bit,
 * and it declines (returns false) whatever it does not read exactly as protobuf does.
 */
class ExampleParserTest {
  // x: 5 floats at 0, label: 1 int64 at 5
  private static final List<ExampleParser.Field> FIELDS = List.of(
      new ExampleParser.Field("x", 0, 5, true, false), new ExampleParser.Field("label", 5, 1, false, false));

  @Test
  void packedListsReadAsProtobufReadsThemBitForBit() {
    float[] x = {1.5f, -0f, Float.intBitsToFloat(0x7fc00abc), Float.MIN_VALUE, -3.25e30f};
    byte[] record = example(x, -7L).toByteArray();
    float[] row = parsed(FIELDS, record);
    assertArrayEquals(bits(reference(FIELDS, record)), bits(row));
    assertArrayEquals(new float[] {1.5f, -0f, Float.intBitsToFloat(0x7fc00abc), Float.MIN_VALUE, -3.25e30f, -7f}, row);
  }

  /** Lists written one value per field (not packed), the map entry's value before its key, unknown fields at every level. */
  @Test
  void unpackedValuesReorderedEntriesAndUnknownFieldsRead() throws IOException {
    ByteArrayOutputStream features = new ByteArrayOutputStream();
    CodedOutputStream f = CodedOutputStream.newInstance(features);
    // entry "x": value first, then key; the FloatList unpacked with an unknown varint field between values
    byte[] floats = raw(o -> {
      for (int i = 0; i < 5; i++) {
        o.writeFloat(1, i * 0.5f - 1);
        if (i == 2) {
          o.writeUInt64(9, 123456789L);
        }
      }
    });
    byte[] feature = raw(o -> {
      o.writeFixed64(7, 42L);
      o.writeByteArray(2, floats);
    });
    f.writeByteArray(1, raw(o -> {
      o.writeByteArray(2, feature);
      o.writeString(1, "x");
      o.writeFixed32(5, 7);
    }));
    // entry "label": an unpacked int64 of a negative value (ten varint bytes)
    f.writeByteArray(1, raw(o -> {
      o.writeString(1, "label");
      o.writeByteArray(2, raw(p -> p.writeByteArray(3, raw(q -> q.writeInt64(1, -1234567890123L)))));
    }));
    // a feature no field reads
    f.writeByteArray(1, raw(o -> {
      o.writeString(1, "other");
      o.writeByteArray(2, Feature.newBuilder().setBytesList(BytesList.newBuilder().addValue(ByteString.copyFromUtf8("z"))).build().toByteArray());
    }));
    f.flush();
    byte[] record = raw(o -> {
      o.writeString(3, "unknown");
      o.writeByteArray(1, features.toByteArray());
    });
    float[] row = parsed(FIELDS, record);
    assertArrayEquals(bits(reference(FIELDS, record)), bits(row));
    assertArrayEquals(new float[] {-1f, -0.5f, 0f, 0.5f, 1f, -1234567890123f}, row);
  }

  @Test
  void variableLengthPadsWithZerosAndTruncates() {
    List<ExampleParser.Field> variable = List.of(
        new ExampleParser.Field("x", 0, 5, true, true), new ExampleParser.Field("label", 5, 1, false, false));
    byte[] shorter = example(new float[] {1, 2}, 3L).toByteArray();
    float[] row = new float[6];
    Arrays.fill(row, 99f);
    assertTrue(new ExampleParser(variable).parse(shorter, shorter.length, row, 0));
    assertArrayEquals(new float[] {1, 2, 0, 0, 0, 3}, row);
    byte[] longer = example(new float[] {1, 2, 3, 4, 5, 6, 7}, 3L).toByteArray();
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 3}, parsed(variable, longer));
    assertFalse(new ExampleParser(FIELDS).parse(shorter, shorter.length, new float[6], 0), "fixed length: protobuf's error");
  }

  /** Each of these is read (or refused with a message) by the protobuf path, never by this parser. */
  @Test
  void declinesWhatItDoesNotReadExactly() throws IOException {
    float[] x = {1, 2, 3, 4, 5};
    Example ok = example(x, 1L);
    assertDeclined(Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("x", ok.getFeatures().getFeatureOrThrow("x"))).build().toByteArray(), "label missing");
    assertDeclined(Example.newBuilder().setFeatures(Features.newBuilder(ok.getFeatures())
        .putFeature("label", Feature.newBuilder().setFloatList(FloatList.newBuilder().addValue(1)).build())).build().toByteArray(),
        "label of another kind");
    byte[] twice = raw(o -> {
      o.writeByteArray(1, ok.getFeatures().toByteArray());
      o.writeByteArray(1, Features.newBuilder().putFeature("x", ok.getFeatures().getFeatureOrThrow("x")).build().toByteArray());
    });
    assertDeclined(twice, "a feature named twice (protobuf keeps the last)");
    byte[] twoLists = raw(o -> o.writeByteArray(1, raw(f -> {
      f.writeByteArray(1, raw(e -> {
        e.writeString(1, "x");
        e.writeByteArray(2, raw(v -> {
          v.writeByteArray(3, Int64List.newBuilder().addValue(1).build().toByteArray());
          v.writeByteArray(2, FloatList.newBuilder().addAllValue(List.of(1f, 2f, 3f, 4f, 5f)).build().toByteArray());
        }));
      }));
      f.writeByteArray(1, raw(e -> {
        e.writeString(1, "label");
        e.writeByteArray(2, ok.getFeatures().getFeatureOrThrow("label").toByteArray());
      }));
    })));
    assertDeclined(twoLists, "a Feature of two lists (protobuf keeps the last)");
    byte[] good = ok.toByteArray();
    assertDeclined(Arrays.copyOf(good, good.length - 1), "truncated");
    assertDeclined(new byte[] {1, 2, 3}, "not protobuf");
  }

  /**
   * Damaged records (a byte changed, the record cut short): whenever the parser reads one, protobuf
   * reads it too, to the same values.
   */
  @Test
  void whateverItReadsOfDamagedRecordsProtobufReadsAlike() {
    SplittableRandom random = new SplittableRandom(15);
    byte[] good = example(new float[] {0.25f, 1, 2, 3, 4}, 9L).toByteArray();
    int read = 0;
    for (int trial = 0; trial < 20_000; trial++) {
      byte[] bad = good.clone();
      int length = random.nextInt(4) == 0 ? random.nextInt(good.length + 1) : good.length;
      bad[random.nextInt(good.length)] = (byte) random.nextInt(256);
      float[] row = new float[6];
      if (new ExampleParser(FIELDS).parse(bad, length, row, 0)) {
        read++;
        float[] expected = reference(FIELDS, Arrays.copyOf(bad, length));
        assertArrayEquals(bits(expected), bits(row), "trial " + trial);
      }
    }
    assertTrue(read > 1000, read + " damaged records read");
  }

  @Test
  void writesAtTheRowOffset() {
    byte[] record = example(new float[] {1, 2, 3, 4, 5}, 6L).toByteArray();
    float[] rows = new float[13];
    assertTrue(new ExampleParser(FIELDS).parse(record, record.length, rows, 7));
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6}, rows);
  }

  private static void assertDeclined(byte[] record, String why) {
    assertFalse(new ExampleParser(FIELDS).parse(record, record.length, new float[6], 0), why);
  }

  private static float[] parsed(List<ExampleParser.Field> fields, byte[] record) {
    float[] row = new float[6];
    assertTrue(new ExampleParser(fields).parse(record, record.length, row, 0));
    return row;
  }

  /** Protobuf's reading of the fields (null when it cannot read them): the independent computation. */
  private static float[] reference(List<ExampleParser.Field> fields, byte[] record) {
    Example example;
    try {
      example = Example.parseFrom(record);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("the parser read a record protobuf refuses", e);
    }
    float[] row = new float[6];
    for (ExampleParser.Field field : fields) {
      Feature f = example.getFeatures().getFeatureMap().get(field.name());
      List<? extends Number> values = field.floating() ? f.getFloatList().getValueList() : f.getInt64List().getValueList();
      if (field.floating() ? !f.hasFloatList() : !f.hasInt64List()) {
        throw new AssertionError("the parser read feature " + field.name() + " of another kind");
      }
      for (int i = 0; i < field.elements(); i++) {
        row[field.at() + i] = i >= values.size() ? 0f : field.floating() ? (Float) values.get(i) : (float) (long) (Long) values.get(i);
      }
      if (!field.variableLength() && values.size() != field.elements()) {
        throw new AssertionError("the parser read feature " + field.name() + " of " + values.size() + " values");
      }
    }
    return row;
  }

  private static Example example(float[] x, long label) {
    FloatList.Builder xs = FloatList.newBuilder();
    for (float v : x) {
      xs.addValue(v);
    }
    return Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("x", Feature.newBuilder().setFloatList(xs).build())
        .putFeature("label", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(label)).build())).build();
  }

  private static int[] bits(float[] values) {
    int[] bits = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      bits[i] = Float.floatToRawIntBits(values[i]);
    }
    return bits;
  }

  private interface Writes {
    void to(CodedOutputStream out) throws IOException;
  }

  private static byte[] raw(Writes writes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    writes.to(out);
    out.flush();
    return bytes.toByteArray();
  }
}
