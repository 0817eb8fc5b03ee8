package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.data.CsvSpec;
import io.inscope.configs.data.TfrecordSpec;
import io.inscope.modules.data.internal.CsvRecords;
import io.inscope.modules.data.internal.GrowableFloats;
import io.inscope.modules.data.internal.SourceFiles;
import io.inscope.modules.data.internal.TfRecordReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tensorflow.proto.Feature;

/** The {@link FeatureStream}s of each source kind. */
final class FeatureStreams {
  private FeatureStreams() {}

  /** CSV files, each with a header row; the feature columns found by name in each. */
  static final class Csv implements FeatureStream {
    private final CsvSpec spec;
    private final InputSpec input;
    private final List<Path> files;
    private int next;
    private Path file;
    private Reader reader;
    private CsvRecords records;
    private int[] columns;
    private List<String> header;

    Csv(CsvSpec spec, InputSpec input, List<Path> files) {
      this.spec = spec;
      this.input = input;
      this.files = files;
    }

    @Override
    public int read(float[] dst, int rows) throws DataException {
      int n = 0;
      int width = (int) input.elements();
      try {
        while (n < rows) {
          if (records == null && !openNext()) {
            break;
          }
          List<String> row = records.next();
          if (row == null) {
            close();
            continue;
          }
          if (row.size() == 1 && row.get(0).isBlank()) {
            continue;
          }
          if (row.size() != header.size()) {
            throw new DataException("csv", position() + ": " + row.size() + " fields but the header has " + header.size()
                + "; quote fields that contain commas");
          }
          for (int i = 0; i < columns.length; i++) {
            Double v = CsvSource.number(row.get(columns[i]));
            if (v == null) {
              throw new DataException("csv", position() + ": column '" + header.get(columns[i]) + "': expected a number, got '"
                  + row.get(columns[i]) + "'");
            }
            dst[n * width + i] = v.floatValue();
          }
          n++;
        }
      } catch (IOException e) {
        throw SourceFiles.unreadable(file, "csv", e);
      } catch (IllegalStateException e) {
        throw new DataException("csv", file + ": " + e.getMessage() + "; close the quote or remove the stray '\"'");
      }
      return n;
    }

    private boolean openNext() throws IOException, DataException {
      if (next == files.size()) {
        return false;
      }
      file = files.get(next++);
      reader = new InputStreamReader(SourceFiles.open(file, "csv", false), StandardCharsets.UTF_8);
      records = new CsvRecords(reader);
      List<String> h = records.next();
      if (h == null) {
        throw new DataException("csv", file + ": the file is empty; a header row naming the columns is required");
      }
      header = new ArrayList<>(h.stream().map(String::strip).toList());
      header.set(0, header.get(0).replace("\uFEFF", ""));
      List<String> names = spec.features() != null ? spec.features()
          : header.stream().filter(name -> !name.equals(spec.label())).toList();
      columns = new int[names.size()];
      for (int i = 0; i < columns.length; i++) {
        columns[i] = header.indexOf(names.get(i));
        if (columns[i] < 0) {
          throw new DataException("csv", file + ":1: no column '" + names.get(i) + "' in the header (columns: "
              + String.join(", ", header) + "); the model reads the columns " + names);
        }
      }
      if (columns.length != input.elements()) {
        throw new DataException("csv", file + ": " + columns.length + " feature columns " + names + " but the model takes "
            + input.elements() + " values per example (model.input.shape " + input.shape() + ")");
      }
      return true;
    }

    @Override
    public String position() {
      return file + ":" + (records == null ? 0 : records.line());
    }

    @Override
    public void close() throws IOException {
      if (reader != null) {
        reader.close();
      }
      reader = null;
      records = null;
    }
  }

  /** One IDX file of examples, read an example at a time. */
  static final class Idx implements FeatureStream {
    private final Path file;
    private final DataInputStream in;
    private final int type;
    private final int width;
    private final long count;
    private final int elements;
    private final byte[] bytes;
    private long done;

    Idx(InputSpec input, Path file) throws DataException {
      this.file = file;
      this.in = new DataInputStream(SourceFiles.open(file, "idx", true));
      try {
        int magic = in.readInt();
        type = (magic >>> 8) & 0xff;
        int rank = magic & 0xff;
        width = switch (type) {
          case 0x08, 0x09 -> 1;
          case 0x0B -> 2;
          case 0x0C, 0x0D -> 4;
          case 0x0E -> 8;
          default -> 0;
        };
        if ((magic >>> 16) != 0 || width == 0 || rank == 0) {
          throw new DataException("idx", file + ": not an IDX file (header 0x" + String.format("%08x", magic) + ")");
        }
        count = Integer.toUnsignedLong(in.readInt());
        long e = 1;
        for (int i = 1; i < rank; i++) {
          e *= Integer.toUnsignedLong(in.readInt());
        }
        if (e != input.elements()) {
          throw new DataException("idx", file + ": examples hold " + e + " values but the model takes " + input.elements()
              + " (model.input.shape " + input.shape() + ")");
        }
        elements = (int) e;
        bytes = new byte[elements * width];
      } catch (EOFException e) {
        throw new DataException("idx", file + ": too short for an IDX header; is it an IDX file?");
      } catch (IOException e) {
        throw SourceFiles.unreadable(file, "idx", e);
      }
    }

    @Override
    public int read(float[] dst, int rows) throws DataException {
      int n = 0;
      try {
        while (n < rows && done < count) {
          in.readFully(bytes);
          java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
          for (int i = 0; i < elements; i++) {
            dst[n * elements + i] = switch (type) {
              case 0x08 -> b.get() & 0xff;
              case 0x09 -> b.get();
              case 0x0B -> b.getShort();
              case 0x0C -> b.getInt();
              case 0x0D -> b.getFloat();
              default -> (float) b.getDouble();
            };
          }
          n++;
          done++;
        }
      } catch (EOFException e) {
        throw new DataException("idx", file + ": truncated: ends within example " + done + " of " + count);
      } catch (IOException e) {
        throw SourceFiles.unreadable(file, "idx", e);
      }
      return n;
    }

    @Override
    public String position() {
      return file + ", example " + done;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /** TFRecord files of tf.Example: the declared features but the label, in name order. */
  static final class Tfrecord implements FeatureStream {
    private final TfrecordSpec spec;
    private final List<Path> files;
    private final TreeSet<String> names;
    private final int elements;
    private int next;
    private TfRecordReader reader;
    private Path file;
    private long record;

    Tfrecord(TfrecordSpec spec, InputSpec input, List<Path> files) throws DataException {
      this.spec = spec;
      this.files = files;
      this.names = new TreeSet<>(spec.features().keySet());
      names.remove(spec.label());
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
}
