package io.inscope.configs;

/**
 * What is exported when training ends.
 *
 * <pre>
 * export: {saved_model: true}
 * export: {saved_model: true, from: best}
 * </pre>
 */
public record ExportSpec(
    @Doc("write <run dir>/export/saved_model with a serving_default signature") @Default("false")
        boolean savedModel,
    @Doc("last: the weights training ended with; best: those of checkpoint.best") @Default("last")
        ExportFrom from) {

  public ExportSpec(boolean savedModel) {
    this(savedModel, ExportFrom.LAST);
  }
}
