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
    for (float v : values) {
      add(v);
    }
  }

  public int size() {
    return size;
  }

  public float[] toArray() {
    return size == values.length ? values : Arrays.copyOf(values, size);
  }
}
