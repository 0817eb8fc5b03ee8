package io.inscope.configs;

/**
 * What is exported when training ends.
 *
 * <pre>
 * export: {saved_model: true}
 * </pre>
 */
public record ExportSpec(
    @Doc("write <run dir>/export/saved_model with a serving_default signature") @Default("false")
        boolean savedModel) {}
