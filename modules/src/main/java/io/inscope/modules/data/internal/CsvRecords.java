package io.inscope.modules.data.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records (RFC 4180 basics): comma-separated fields; a field in double
 * quotes may hold commas, line breaks and {@code ""} for a quote; LF, CRLF or CR end a record.
 * Blank lines are skipped. Lenient where Python's {@code csv} module is: text after a closing quote
 * is kept.
 */
public final class CsvRecords {
  private final Reader reader;
  private final char[] buffer = new char[1 << 14];
  private int position;
  private int limit;
  private int line = 1;
  private int recordLine;
  private final StringBuilder field = new StringBuilder();
  private final char separator;

  public CsvRecords(Reader reader) {
    this(reader, ',');
  }

  /** Fields separated by {@code separator} ({@code '\t'} for TSV) instead of a comma. */
  public CsvRecords(Reader reader, char separator) {
    this.reader = reader;
    this.separator = separator;
  }

  /** The 1-based line on which the record last returned by {@link #next()} starts. */
  public int line() {
    return recordLine;
  }

  /**
   * The next non-blank record, or null at the end of the input.
   *
   * @throws IllegalStateException for a quote left open at the end of the input
   */
  public List<String> next() throws IOException {
    while (true) {
      recordLine = line;
      int c = read();
      if (c == -1) {
        return null;
      }
      if (c == '\n' || c == '\r') {
        endOfLine(c);
        continue;
      }
      List<String> fields = new ArrayList<>();
      field.setLength(0);
      boolean quoted = false;
      while (true) {
        if (quoted) {
          if (c == -1) {
            throw new IllegalStateException("a quoted field opened on line " + recordLine + " is never closed");
          }
          if (c == '"') {
            int after = read();
            if (after == '"') {
              field.append('"');
            } else {
              quoted = false;
              c = after;
              continue;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            field.append((char) c);
          }
        } else if (c == '"' && field.isEmpty()) {
          quoted = true;
        } else if (c == separator) {
          fields.add(field.toString());
          field.setLength(0);
        } else if (c == '\n' || c == '\r' || c == -1) {
          fields.add(field.toString());
          endOfLine(c);
          return fields;
        } else {
          field.append((char) c);
        }
        c = read();
      }
    }
  }

  private void endOfLine(int c) throws IOException {
    if (c == -1) {
      return;
    }
    line++;
    if (c == '\r' && peek() == '\n') {
      position++;
    }
  }

  private int peek() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position];
  }

  private int read() throws IOException {
    if (position == limit && !fill()) {
      return -1;
    }
    return buffer[position++];
  }

  private boolean fill() throws IOException {
    int n = reader.read(buffer, 0, buffer.length);
    if (n <= 0) {
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }
}
