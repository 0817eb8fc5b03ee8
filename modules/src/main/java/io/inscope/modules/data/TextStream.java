package io.inscope.modules.data;

import io.inscope.configs.data.TextSpec;
import io.inscope.modules.data.internal.CsvRecords;
import io.inscope.modules.data.internal.SourceFiles;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text column of CSV or TSV files read as the {@code text} source reads it (the job's
 * separator and column name, a header row in each file); the label column may be absent. An empty
 * text is an example too: the model sees padding only.
 */
final class TextStream implements RawStream {
  private final TextSpec spec;
  private final List<Path> files;
  private int next;
  private Path file;
  private Reader reader;
  private CsvRecords records;
  private int column;
  private int width;

  TextStream(TextSpec spec, List<Path> files) {
    this.spec = spec;
    this.files = files;
  }

  @Override
  public int read(byte[][] dst, int rows) throws DataException {
    int n = 0;
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
        if (row.size() != width) {
          throw new DataException(TextSource.KIND, position() + ": " + row.size() + " fields but the header has " + width
              + "; quote fields that contain the separator");
        }
        dst[n++] = row.get(column).getBytes(StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw SourceFiles.unreadable(file, TextSource.KIND, e);
    } catch (IllegalStateException e) {
      throw new DataException(TextSource.KIND, file + ": " + e.getMessage() + "; close the quote or remove the stray '\"'");
    }
    return n;
  }

  private boolean openNext() throws IOException, DataException {
    if (next == files.size()) {
      return false;
    }
    file = files.get(next++);
    reader = new InputStreamReader(SourceFiles.open(file, TextSource.KIND, false), StandardCharsets.UTF_8);
    records = new CsvRecords(reader, spec.separator().character());
    List<String> h = records.next();
    if (h == null) {
      throw new DataException(TextSource.KIND, file + ": the file is empty; a header row naming the columns is required");
    }
    List<String> header = new ArrayList<>(h.stream().map(String::strip).toList());
    header.set(0, header.get(0).replace("\uFEFF", ""));
    column = header.indexOf(spec.text());
    if (column < 0) {
      throw new DataException(TextSource.KIND, file + ":1: no column '" + spec.text() + "' in the header (columns: "
          + String.join(", ", header) + "); the model reads the text column '" + spec.text() + "'");
    }
    width = header.size();
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
