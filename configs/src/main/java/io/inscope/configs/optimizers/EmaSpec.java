package io.inscope.configs.optimizers;

import io.inscope.configs.Doc;
import io.inscope.configs.Range;

/**
 * An exponential moving average of the trainable weights (Keras' {@code use_ema}, Model Garden's
 * {@code ema}): after every step {@code a = decay · a + (1 − decay) · w}, with {@code a = w} after
 * the first step. Evaluation and export use the averages; training continues from the raw weights.
 *
 * <pre>
 * optimizer: {adamw: {ema: {decay: 0.999}}}
 * </pre>
 */
public record EmaSpec(
    @Doc("the average's decay per step (Keras' ema_momentum)") @Range(min = 0, max = 1, maxExclusive = true) double decay) {}
