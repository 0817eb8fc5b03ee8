package io.inscope.configs.losses;

/**
 * The loss, a kind (Keras names); averaged over the global batch.
 *
 * <pre>
 * loss: {sparse_categorical_crossentropy: {from_logits: true}}
 * loss: mean_squared_error
 * </pre>
 */
public sealed interface LossSpec permits BinaryCrossentropySpec, CategoricalCrossentropySpec, HuberSpec, MeanAbsoluteErrorSpec, MeanSquaredErrorSpec, SparseCategoricalCrossentropySpec {}
