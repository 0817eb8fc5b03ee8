package io.inscope.modules.data;

import io.inscope.configs.data.Compression;
import io.inscope.configs.data.TextSpec;
import io.inscope.modules.data.internal.TfRecordReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tensorflow.proto.Feature;

/**
 * The texts of TFRecord files as a {@code text} job whose training texts are TFRecords reads them:
 * the {@code text} feature of every tf.Example, a bytes_list of one string, passed on as its bytes
 * (the served graph vectorizes them). A file is read gzip-compressed when its name ends in
 * {@code .gz}, zlib when the job's own files are zlib, uncompressed otherwise; the reader checks the
 * first bytes against that, as training does. The label feature may be absent.
 */
final class TextRecordStream implements RawStream {
  private final TextSpec spec;
  private final List<Path> files;
  private int next;
  private TfRecordReader reader;
  private Path file;
  private int record = -1;

  TextRecordStream(TextSpec spec, List<Path> files) {
    this.spec = spec;
    this.files = files;
  }

  @Override
  public int read(byte[][] dst, int rows) throws DataException {
    int n = 0;
    while (n < rows) {
      if (reader == null && !openNext()) {
        break;
      }
      byte[] bytes = reader.next();
      if (bytes == null) {
        closeQuietly();
        continue;
      }
      record++;
      Map<String, Feature> features = TfrecordSource.parse(bytes, reader).getFeatures().getFeatureMap();
      Feature f = features.get(spec.text());
      if (f == null) {
        throw reader.error("no feature '" + spec.text() + "' (the record has " + new TreeSet<>(features.keySet())
            + "); the model reads the text feature '" + spec.text() + "'");
      }
      if (!f.hasBytesList() || f.getBytesList().getValueCount() != 1) {
        throw reader.error("feature '" + spec.text() + "' is not a bytes_list of one UTF-8 string; write the text as one bytes value");
      }
      dst[n++] = f.getBytesList().getValue(0).toByteArray();
    }
    return n;
  }

  private boolean openNext() throws DataException {
    if (next == files.size()) {
      return false;
    }
    file = files.get(next++);
    String name = file.getFileName().toString();
    Compression compression = name.endsWith(".gz") ? Compression.GZIP
        : spec.compression() == Compression.ZLIB ? Compression.ZLIB : Compression.NONE;
    reader = new TfRecordReader(file, compression, TextSource.KIND);
    record = -1;
    return true;
  }

  @Override
  public String position() {
    return file + ": record " + Math.max(record, 0) + " (counting from 0)";
  }

  private void closeQuietly() throws DataException {
    try {
      reader.close();
    } catch (IOException e) {
      throw new DataException(TextSource.KIND, file + ": cannot be closed: " + e.getMessage());
    }
    reader = null;
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
