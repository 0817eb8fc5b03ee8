package io.inscope.configs.data;

/** The field separator of a delimited text file. */
public enum Separator {
  /** CSV */
  COMMA,
  /** TSV */
  TAB;

  public char character() {
    return this == COMMA ? ',' : '\t';
  }

  /** The default for a file: tab for names ending {@code .tsv} or {@code .tab}, comma otherwise. */
  public static Separator byName(String path) {
    String lower = path.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".tsv") || lower.endsWith(".tab") ? TAB : COMMA;
  }
}
