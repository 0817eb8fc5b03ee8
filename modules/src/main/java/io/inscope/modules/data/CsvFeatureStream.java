package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.data.CsvSpec;
import io.inscope.modules.data.internal.CsvRecords;
import io.inscope.modules.data.internal.SourceFiles;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** CSV files, each with a header row; the feature columns found by name in each. */
final class CsvFeatureStream implements FeatureStream {
  private final CsvSpec spec;
  private final InputSpec input;
  private final List<Path> files;
  private final List<String> featureColumns;
  private int next;
  private Path file;
  private Reader reader;
  private CsvRecords records;
  private int[] columns;
  private List<String> header;

  CsvFeatureStream(CsvSpec spec, InputSpec input, List<Path> files) {
    this(spec, spec.features(), input, files);
  }

  /** Reads {@code columns} in that order (every column but the label when null). */
  CsvFeatureStream(CsvSpec spec, List<String> columns, InputSpec input, List<Path> files) {
    this.spec = spec;
    this.featureColumns = columns;
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
    List<String> names = featureColumns != null ? featureColumns
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
