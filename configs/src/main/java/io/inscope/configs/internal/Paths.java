package io.inscope.configs.internal;

/** Dotted value paths as errors print them: {@code model.layers[2].dense.units}. */
public final class Paths {
  private Paths() {}

  public static String key(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
