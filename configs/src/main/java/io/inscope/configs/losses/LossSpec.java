package io.inscope.configs.losses;

import io.inscope.configs.Doc;

/**
 * The loss, a kind (Keras names); averaged over the global batch.
 *
 * <pre>
 * loss: {sparse_categorical_crossentropy: {from_logits: true}}
 * loss: mean_squared_error
 * </pre>
 */
@Doc("The loss (Keras names), averaged over the global batch")
public sealed interface LossSpec permits BinaryCrossentropySpec, CategoricalCrossentropySpec, HuberSpec, MeanAbsoluteErrorSpec, MeanSquaredErrorSpec, SparseCategoricalCrossentropySpec {}
