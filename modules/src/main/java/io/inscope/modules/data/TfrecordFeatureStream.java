package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.data.FeatureEncoding;
import io.inscope.configs.data.FeatureSpec;
import io.inscope.configs.data.TfrecordSpec;
import io.inscope.modules.data.internal.ExampleParser;
import io.inscope.modules.data.internal.GrowableFloats;
import io.inscope.modules.data.internal.TfRecordReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tensorflow.proto.Feature;

/** TFRecord files of tf.Example: the declared features but the label, in name order. */
final class TfrecordFeatureStream implements FeatureStream {
  private final TfrecordSpec spec;
  private final List<Path> files;
  private final List<String> names;
  private final int elements;
  private final ExampleParser parser;
  private int next;
  private TfRecordReader reader;
  private Path file;
  private long record;

  TfrecordFeatureStream(TfrecordSpec spec, InputSpec input, List<Path> files) throws DataException {
    this(spec, sortedFeatures(spec), input, files);
  }

  /** Reads {@code names}' values in that order (a model's named inputs: {@link TfrecordSource#featuresOf}). */
  TfrecordFeatureStream(TfrecordSpec spec, List<String> names, InputSpec input, List<Path> files) throws DataException {
    this.spec = spec;
    this.files = files;
    this.names = names;
    long e = 0;
    for (String name : names) {
      e += TfrecordSource.elements(spec.features().get(name));
    }
    if (e != input.elements()) {
      throw new DataException("tfrecord.features", "features " + names + " hold " + e + " values but the model takes "
          + input.elements() + " (model.input.shape " + input.shape() + ")");
    }
    this.elements = (int) e;
    this.parser = parser(spec, names);
  }

  // the features alone (the label may be absent), read from the bytes; null when one is an image
  private static ExampleParser parser(TfrecordSpec spec, List<String> names) {
    List<ExampleParser.Field> fields = new ArrayList<>();
    int at = 0;
    for (String name : names) {
      FeatureSpec f = spec.features().get(name);
      if (f.encoding() == FeatureEncoding.IMAGE) {
        return null;
      }
      int n = (int) TfrecordSource.elements(f);
      fields.add(new ExampleParser.Field(name, at, n, f.dtype().isFloating(), f.variableLength()));
      at += n;
    }
    return new ExampleParser(fields);
  }

  private static List<String> sortedFeatures(TfrecordSpec spec) {
    TreeSet<String> names = new TreeSet<>(spec.features().keySet());
    names.remove(spec.label());
    return List.copyOf(names);
  }

  @Override
  public int read(float[] dst, int rows) throws DataException {
    int n = 0;
    while (n < rows) {
      if (reader == null) {
        if (next == files.size()) {
          break;
        }
        file = files.get(next++);
        reader = new TfRecordReader(file, "tfrecord");
        record = 0;
      }
      int length = reader.read();
      if (length < 0) {
        closeReader();
        continue;
      }
      record++;
      if (parser != null && parser.parse(reader.data(), length, dst, n * elements)) {
        n++;
        continue;
      }
      Map<String, Feature> map = TfrecordSource.parse(Arrays.copyOf(reader.data(), length), reader).getFeatures().getFeatureMap();
      GrowableFloats values = new GrowableFloats();
      for (String name : names) {
        TfrecordSource.append(map, name, spec.features().get(name), values, reader);
      }
      System.arraycopy(values.toArray(), 0, dst, n * elements, elements);
      n++;
    }
    return n;
  }

  private void closeReader() throws DataException {
    try {
      reader.close();
    } catch (IOException e) {
      throw new DataException("tfrecord", file + ": cannot be closed: " + e.getMessage());
    }
    reader = null;
  }

  @Override
  public String position() {
    return file + ", record " + record;
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }
}
