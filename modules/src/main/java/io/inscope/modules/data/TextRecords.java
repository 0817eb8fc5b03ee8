package io.inscope.modules.data;

import io.inscope.configs.data.TextSpec;
import io.inscope.modules.data.internal.TfRecordReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tensorflow.proto.Feature;

/**
 * The {@code text} source's TFRecord form: tf.Example records whose {@code text} feature is a
 * bytes_list of one UTF-8 string and whose {@code label} feature is one int64 or float (a number)
 * or one bytes value (a class name), as TensorFlow writes {@code tf.train.Feature(bytes_list=...)}.
 * The file is read with the spec's {@code compression}, checked against its first bytes as the
 * {@code tfrecord} source does. Errors name the file and the record.
 */
final class TextRecords {
  private TextRecords() {}

  static TextSource.Rows read(TextSpec spec, Path path) throws DataException {
    List<String> texts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    try (TfRecordReader records = new TfRecordReader(path, spec.compression(), TextSource.KIND)) {
      for (byte[] record = records.next(); record != null; record = records.next()) {
        Map<String, Feature> features = TfrecordSource.parse(record, records).getFeatures().getFeatureMap();
        String text = string(features, spec.text(), records);
        if (Vocabulary.tokens(text).isEmpty()) {
          throw records.error("feature '" + spec.text() + "': "
              + (text.isBlank() ? "the text is empty" : "the text '" + text + "' has no word once punctuation is stripped")
              + "; remove the record or write its text");
        }
        texts.add(text);
        labels.add(label(features, spec.label(), records));
      }
    } catch (IOException e) {
      throw new DataException(TextSource.KIND, path + ": cannot be closed: " + e.getMessage());
    }
    if (texts.isEmpty()) {
      throw new DataException(TextSource.KIND, path + ": holds no record");
    }
    return new TextSource.Rows(path, texts, labels, Origins.records(List.of(path), new int[] {0}, "feature '" + spec.label() + "'"));
  }

  private static Feature feature(Map<String, Feature> features, String name, TfRecordReader records) throws DataException {
    Feature f = features.get(name);
    if (f == null) {
      throw records.error("no feature '" + name + "' (the record has " + new TreeSet<>(features.keySet()) + ")");
    }
    return f;
  }

  private static String string(Map<String, Feature> features, String name, TfRecordReader records) throws DataException {
    Feature f = feature(features, name, records);
    if (!f.hasBytesList() || f.getBytesList().getValueCount() != 1) {
      throw records.error("feature '" + name + "' is " + describe(f) + " but the text is read from a bytes_list of one UTF-8 string");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(f.getBytesList().getValue(0).asReadOnlyByteBuffer()).toString();
    } catch (CharacterCodingException e) {
      throw records.error("feature '" + name + "' is not UTF-8 text; write the record again with UTF-8 bytes");
    }
  }

  private static String label(Map<String, Feature> features, String name, TfRecordReader records) throws DataException {
    Feature f = feature(features, name, records);
    if (f.hasInt64List() && f.getInt64List().getValueCount() == 1) {
      return Long.toString(f.getInt64List().getValue(0));
    }
    if (f.hasFloatList() && f.getFloatList().getValueCount() == 1) {
      return Float.toString(f.getFloatList().getValue(0));
    }
    if (f.hasBytesList() && f.getBytesList().getValueCount() == 1) {
      String label = string(features, name, records).strip();
      if (label.isEmpty()) {
        throw records.error("feature '" + name + "': the label is empty");
      }
      return label;
    }
    throw records.error("feature '" + name + "' is " + describe(f) + " but a label is one int64, float or bytes value");
  }

  private static String describe(Feature f) {
    return switch (f.getKindCase()) {
      case BYTES_LIST -> "a bytes_list of " + f.getBytesList().getValueCount() + " values";
      case FLOAT_LIST -> "a float_list of " + f.getFloatList().getValueCount() + " values";
      case INT64_LIST -> "an int64_list of " + f.getInt64List().getValueCount() + " values";
      default -> "empty";
    };
  }
}
