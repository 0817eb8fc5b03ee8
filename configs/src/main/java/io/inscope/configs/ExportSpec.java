package io.inscope.configs;

/**
 * What is exported when training ends.
 *
 * <pre>
 * export: {saved_model: true, keep: 3}
 * export: {saved_model: true, from: best}
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>saved_model</td><td>false</td><td>write {@code <run dir>/export/saved_model/<step>/}, a SavedModel
 *       with a {@code serving_default} signature (TensorFlow Serving's layout: one numeric version
 *       folder per export)</td></tr>
 *   <tr><td>keep</td><td>3</td><td>how many version folders to keep (the highest steps)</td></tr>
 * </table>
 */
public record ExportSpec(
    @Doc("write <run dir>/export/saved_model/<step>/, a SavedModel with a serving_default signature") @Default("false")
        boolean savedModel,
    @Doc("how many export version folders to keep (the newest)") @Default("3") @Range(min = 1) int keep,
    @Doc("last: the weights training ended with; best: those of checkpoint.best") @Default("last")
        ExportFrom from) {

  public static final int DEFAULT_KEEP = 3;

  /** An export spec with the default {@code keep}, of the last weights. */
  public ExportSpec(boolean savedModel) {
    this(savedModel, DEFAULT_KEEP, ExportFrom.LAST);
  }

  public ExportSpec(boolean savedModel, int keep) {
    this(savedModel, keep, ExportFrom.LAST);
  }
}
