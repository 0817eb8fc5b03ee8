package io.inscope.configs.data;

import io.inscope.configs.Doc;
import io.inscope.configs.OptionalKey;

/**
 * Training data and, optionally, evaluation data.
 *
 * <pre>
 * data:
 *   train: {csv: {path: iris.csv, label: species}, shuffle: 150, batch_size: 16}
 *   eval:  {csv: {path: iris-test.csv, label: species}, batch_size: 30}
 * </pre>
 */
public record DataSpec(
    @Doc("the training split") DataSplitSpec train,
    @Doc("the evaluation split; omitted = no evaluation") @OptionalKey DataSplitSpec eval) {}
