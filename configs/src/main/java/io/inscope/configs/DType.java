package io.inscope.configs;

/** Element types a job file can name ({@code dtype: float32}). */
public enum DType {
  FLOAT32,
  FLOAT64,
  INT32,
  INT64;

  public boolean isFloating() {
    return this == FLOAT32 || this == FLOAT64;
  }
}
