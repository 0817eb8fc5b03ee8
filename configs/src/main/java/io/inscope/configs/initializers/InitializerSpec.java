package io.inscope.configs.initializers;

import io.inscope.configs.Doc;

/**
 * How a variable's initial value is drawn, a kind (Keras names and defaults). Random kinds are seeded from the job seed.
 *
 * <pre>
 * kernel_initializer: glorot_uniform
 * kernel_initializer: {random_normal: {stddev: 0.01}}
 * </pre>
 */
@Doc("How a variable's initial value is drawn (Keras names and defaults); random kinds are seeded from the job seed")
public sealed interface InitializerSpec permits ConstantSpec, GlorotNormalSpec, GlorotUniformSpec, HeNormalSpec, HeUniformSpec, LecunNormalSpec, LecunUniformSpec, OnesSpec, OrthogonalSpec, RandomNormalSpec, RandomUniformSpec, TruncatedNormalSpec, ZerosSpec {}
