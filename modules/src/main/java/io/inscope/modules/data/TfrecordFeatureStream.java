package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.data.TfrecordSpec;
import io.inscope.modules.data.internal.GrowableFloats;
import io.inscope.modules.data.internal.TfRecordReader;
import java.io.IOException;
import java.nio.file.Path;
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
      byte[] bytes = reader.next();
      if (bytes == null) {
        closeReader();
        continue;
      }
      record++;
      Map<String, Feature> map = TfrecordSource.parse(bytes, reader).getFeatures().getFeatureMap();
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
