package io.inscope.modules.data.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads chosen numeric features of a serialized {@code tf.Example} straight from its bytes into a
 * float row, building no protobuf objects: the wire format of {@code Example {Features features =
 * 1}}, {@code Features {map<string, Feature> feature = 1}} (entries: key = 1, value = 2), {@code
 * Feature {oneof: BytesList = 1, FloatList = 2, Int64List = 3}} and {@code value = 1} in the lists,
 * packed or not. Fields it does not know are skipped as protobuf skips them.
 *
 * <p>It reads only records it can read exactly as protobuf's parser does: {@link #parse} returns
 * false for anything else (a feature missing, of another kind, of another length than its shape
 * without {@code variable_length}, named twice, a Feature with two lists, a key not in ASCII,
 * malformed bytes), and the
 * caller then parses the record with protobuf, which either reads it or names what is wrong. For
 * the records it reads, the values are those protobuf gives: floats bit for bit, int64s as
 * {@code (float) value}.
 */
public final class ExampleParser {
  private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH = 2;
  private static final int FIXED32 = 5;

  private final byte[][] names;
  private final int[] at;
  private final int[] elements;
  private final boolean[] floating;
  private final boolean[] variable;
  private final boolean[] seen;
  private int pos;

  /** A feature to read: its name, where its values go in the row, how many, float_list or int64_list, padded/truncated. */
  public record Field(String name, int at, int elements, boolean floating, boolean variableLength) {}

  public ExampleParser(List<Field> fields) {
    int n = fields.size();
    names = new byte[n][];
    at = new int[n];
    elements = new int[n];
    floating = new boolean[n];
    variable = new boolean[n];
    seen = new boolean[n];
    for (int i = 0; i < n; i++) {
      Field f = fields.get(i);
      names[i] = f.name().getBytes(StandardCharsets.UTF_8);
      at[i] = f.at();
      elements[i] = f.elements();
      floating[i] = f.floating();
      variable[i] = f.variableLength();
    }
  }

  /**
   * Writes every field's values into {@code row} (at its offset plus {@code rowOffset}) from record
   * bytes {@code [0, length)}; returns false, the row partly written, when the record is not one it
   * reads exactly (see the class comment). Not thread-safe: one parser per reading thread.
   */
  public boolean parse(byte[] record, int length, float[] row, int rowOffset) {
    Arrays.fill(seen, false);
    try {
      pos = 0;
      while (pos < length) {
        int tag = varint32(record, length);
        if (tag >>> 3 == 1 && (tag & 7) == LENGTH) {
          int end = limit(record, length);
          if (!features(record, end, row, rowOffset)) {
            return false;
          }
        } else if (!skip(record, length, tag)) {
          return false;
        }
      }
    } catch (Malformed e) {
      return false;
    }
    for (boolean s : seen) {
      if (!s) {
        return false;
      }
    }
    return true;
  }

  private boolean features(byte[] b, int end, float[] row, int rowOffset) {
    while (pos < end) {
      int tag = varint32(b, end);
      if (tag >>> 3 == 1 && (tag & 7) == LENGTH) {
        int entryEnd = limit(b, end);
        if (!entry(b, entryEnd, row, rowOffset)) {
          return false;
        }
      } else if (!skip(b, end, tag)) {
        return false;
      }
    }
    return true;
  }

  // a map entry: the key and the value may come in either order, each at most once here
  private boolean entry(byte[] b, int end, float[] row, int rowOffset) {
    int keyFrom = -1;
    int keyTo = -1;
    int valueFrom = -1;
    int valueTo = -1;
    while (pos < end) {
      int tag = varint32(b, end);
      int field = tag >>> 3;
      if ((field == 1 || field == 2) && (tag & 7) == LENGTH) {
        int to = limit(b, end);
        if (field == 1) {
          if (keyFrom >= 0) {
            return false;
          }
          keyFrom = pos;
          keyTo = to;
        } else {
          if (valueFrom >= 0) {
            return false;
          }
          valueFrom = pos;
          valueTo = to;
        }
        pos = to;
      } else if (!skip(b, end, tag)) {
        return false;
      }
    }
    int f = keyFrom < 0 ? find(b, 0, 0) : find(b, keyFrom, keyTo);
    if (f < 0) {
      // a feature nobody reads; protobuf refuses a key that is not UTF-8: left to it when not ASCII
      for (int i = keyFrom; i < keyTo; i++) {
        if (b[i] < 0) {
          return false;
        }
      }
      return true;
    }
    if (seen[f] || valueFrom < 0) {
      return false;
    }
    seen[f] = true;
    pos = valueFrom;
    boolean ok = feature(b, valueTo, f, row, rowOffset);
    pos = end;
    return ok;
  }

  private int find(byte[] b, int from, int to) {
    int n = to - from;
    for (int i = 0; i < names.length; i++) {
      if (names[i].length == n && Arrays.equals(names[i], 0, n, b, from, to)) {
        return i;
      }
    }
    return -1;
  }

  // a Feature: exactly one list, of the field's kind
  private boolean feature(byte[] b, int end, int f, float[] row, int rowOffset) {
    int listFrom = -1;
    int listTo = -1;
    int lists = 0;
    int wanted = floating[f] ? 2 : 3;
    while (pos < end) {
      int tag = varint32(b, end);
      int field = tag >>> 3;
      if (field >= 1 && field <= 3 && (tag & 7) == LENGTH) {
        int to = limit(b, end);
        lists++;
        if (field == wanted) {
          listFrom = pos;
          listTo = to;
        }
        pos = to;
      } else if (!skip(b, end, tag)) {
        return false;
      }
    }
    if (lists != 1 || listFrom < 0) {
      return false;
    }
    pos = listFrom;
    int count = floating[f] ? floats(b, listTo, row, rowOffset + at[f], elements[f])
        : int64s(b, listTo, row, rowOffset + at[f], elements[f]);
    if (count < 0 || (count != elements[f] && !variable[f])) {
      return false;
    }
    if (count < elements[f]) {
      Arrays.fill(row, rowOffset + at[f] + count, rowOffset + at[f] + elements[f], 0f);
    }
    return true;
  }

  // FloatList: value = 1, packed (length-delimited fixed32s) or one fixed32 per field; the count, or -1
  private int floats(byte[] b, int end, float[] row, int to, int max) {
    int count = 0;
    while (pos < end) {
      int tag = varint32(b, end);
      if (tag >>> 3 == 1 && (tag & 7) == LENGTH) {
        int listEnd = limit(b, end);
        if (((listEnd - pos) & 3) != 0) {
          return -1;
        }
        int n = (listEnd - pos) >>> 2;
        int kept = Math.max(0, Math.min(n, max - count));
        // element by element: a ByteBuffer view for a bulk copy was allocated per record (escape analysis keeps it)
        for (int i = 0, at = to + count, from = pos; i < kept; i++, from += 4) {
          row[at + i] = (float) FLOAT.get(b, from);
        }
        count += n;
        pos = listEnd;
      } else if (tag >>> 3 == 1 && (tag & 7) == FIXED32) {
        if (end - pos < 4) {
          return -1;
        }
        if (count < max) {
          row[to + count] = (float) FLOAT.get(b, pos);
        }
        count++;
        pos += 4;
      } else if (!skip(b, end, tag)) {
        return -1;
      }
    }
    return count;
  }

  // Int64List: value = 1, packed (length-delimited varints) or one varint per field; the count, or -1
  private int int64s(byte[] b, int end, float[] row, int to, int max) {
    int count = 0;
    while (pos < end) {
      int tag = varint32(b, end);
      if (tag >>> 3 == 1 && (tag & 7) == LENGTH) {
        int listEnd = limit(b, end);
        while (pos < listEnd) {
          long v = varint64(b, listEnd);
          if (count < max) {
            row[to + count] = (float) v;
          }
          count++;
        }
      } else if (tag >>> 3 == 1 && (tag & 7) == VARINT) {
        long v = varint64(b, end);
        if (count < max) {
          row[to + count] = (float) v;
        }
        count++;
      } else if (!skip(b, end, tag)) {
        return -1;
      }
    }
    return count;
  }

  /** Reads a length prefix at {@code pos}; returns the end of the bytes it announces (pos moves to their start). */
  private int limit(byte[] b, int end) {
    int n = varint32(b, end);
    if (n < 0 || n > end - pos) {
      throw Malformed.INSTANCE;
    }
    return pos + n;
  }

  private boolean skip(byte[] b, int end, int tag) {
    if (tag >>> 3 == 0) {
      return false;
    }
    switch (tag & 7) {
      case VARINT -> varint64(b, end);
      case FIXED64 -> pos += 8;
      case LENGTH -> pos = limit(b, end);
      case FIXED32 -> pos += 4;
      default -> {
        return false; // groups: left to protobuf
      }
    }
    if (pos > end) {
      throw Malformed.INSTANCE;
    }
    return true;
  }

  private int varint32(byte[] b, int end) {
    long v = varint64(b, end);
    // protobuf keeps the low 32 bits of a longer varint
    return (int) v;
  }

  private long varint64(byte[] b, int end) {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= end) {
        throw Malformed.INSTANCE;
      }
      byte x = b[pos++];
      result |= (long) (x & 0x7f) << shift;
      if (x >= 0) {
        return result;
      }
    }
    throw Malformed.INSTANCE;
  }

  /** Bytes that are not protobuf: the caller's protobuf parse names the problem. */
  private static final class Malformed extends RuntimeException {
    static final Malformed INSTANCE = new Malformed();

    private Malformed() {
      super(null, null, false, false);
    }
  }
}
