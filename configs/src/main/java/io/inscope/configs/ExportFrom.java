package io.inscope.configs;

/** Which weights {@code export} writes: the last step's, or the best checkpoint's ({@code checkpoint.best}). */
public enum ExportFrom {
  BEST,
  LAST
}
