package io.inscope.configs.data;

import io.inscope.configs.Doc;
import io.inscope.configs.OptionalKey;
import java.util.List;

/**
 * Training data and, optionally, evaluation data.
 *
 * <pre>
 * data:
 *   train: {csv: {path: iris.csv, label: species}, shuffle: 150, batch_size: 16}
 *   eval:  {csv: {path: iris-test.csv, label: species}, batch_size: 30}
 * </pre>
 *
 * <p>An {@code eval} split without {@code preprocessing} gets the training split's steps that are
 * not random ({@link DataSplitSpec#fixedSteps()}); a training split without it has none. The
 * resolved job writes both lists out.
 */
public record DataSpec(
    @Doc("the training split") DataSplitSpec train,
    @Doc("the evaluation split; omitted = no evaluation") @OptionalKey DataSplitSpec eval) {
  public DataSpec {
    // the model sees evaluation data as it sees training data, less the augmentation
    if (train.preprocessing() == null) {
      train = train.withPreprocessing(List.of());
    }
    if (eval != null && eval.preprocessing() == null) {
      eval = eval.withPreprocessing(train.fixedSteps());
    }
  }
}
