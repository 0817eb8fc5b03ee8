package io.inscope.configs.optimizers;

import io.inscope.configs.Doc;

/**
 * The optimizer, a kind (Keras names and defaults); its slot variables are created in the strategy scope.
 *
 * <pre>
 * optimizer: adam
 * optimizer: {sgd: {learning_rate: 0.1, momentum: 0.9, nesterov: true}}
 * </pre>
 */
@Doc("The optimizer (Keras names and defaults); its slot variables are created in the strategy scope")
public sealed interface OptimizerSpec permits AdadeltaSpec, AdagradSpec, AdamSpec, AdamaxSpec, FtrlSpec, NadamSpec, RmspropSpec, SgdSpec {
  /** The (constant) learning rate every kind has; reported to TensorBoard as {@code learning_rate}. */
  double learningRate();
}
