package io.inscope.modules.data.internal;

import java.util.Arrays;

/** An append-only float array used while a source is read; {@link #toArray()} trims it. */
public final class GrowableFloats {
  private float[] values = new float[1024];
  private int size;

  public void add(float value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8, 2L * size)));
    }
    values[size++] = value;
  }

  public void addAll(float[] values) {
    addAll(values, 0, values.length);
  }

  /** Appends {@code values[from, from + count)}. */
  public void addAll(float[] values, int from, int count) {
    if (this.values.length - size < count) {
      long grown = Math.max(2L * this.values.length, (long) size + count);
      if (grown > Integer.MAX_VALUE - 8) {
        throw new OutOfMemoryError("more than " + (Integer.MAX_VALUE - 8) + " values");
      }
      this.values = Arrays.copyOf(this.values, (int) grown);
    }
    System.arraycopy(values, from, this.values, size, count);
    size += count;
  }

  public int size() {
    return size;
  }

  public float[] toArray() {
    return size == values.length ? values : Arrays.copyOf(values, size);
  }
}
