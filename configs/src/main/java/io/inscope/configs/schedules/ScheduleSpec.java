package io.inscope.configs.schedules;

import io.inscope.configs.Doc;
import io.inscope.configs.NumberKind;

/**
 * A learning rate: a number, or a schedule computed in the graph from the optimizer's step count
 * {@code t} (0 at the first step), so a resumed run continues exactly and every replica applies the
 * same value. Every kind takes {@code warmup_steps}: for {@code t < warmup_steps} the rate rises
 * linearly from 0 to the schedule's value at 0 ({@code t / warmup_steps · lr(0)}), then the
 * schedule runs on {@code t − warmup_steps} (Model Garden's linear warm-up).
 *
 * <pre>
 * learning_rate: 0.001
 * learning_rate: {cosine_decay: {initial: 1e-3, decay_steps: 10000, alpha: 0.0, warmup_steps: 500}}
 * learning_rate: {exponential_decay: {initial: 0.1, decay_steps: 1000, decay_rate: 0.96, staircase: true}}
 * learning_rate: {piecewise_constant: {boundaries: [1000, 2000], values: [0.1, 0.01, 0.001]}}
 * learning_rate: {polynomial_decay: {initial: 0.1, decay_steps: 1000, end_learning_rate: 1e-4, power: 1.0}}
 * learning_rate: {reduce_on_plateau: {initial: 1e-3, monitor: eval.loss, factor: 0.1, patience: 10}}
 * </pre>
 */
@Doc("A learning rate: a number or a schedule of the optimizer's step count (Keras' schedules), with an optional linear warm-up")
@NumberKind("constant")
public sealed interface ScheduleSpec
    permits ConstantScheduleSpec, CosineDecaySpec, ExponentialDecaySpec, PiecewiseConstantSpec, PolynomialDecaySpec, ReduceOnPlateauSpec {
  /** Steps of linear warm-up from 0 before the schedule starts; 0 for none. */
  long warmupSteps();

  /** The rate the schedule starts at (after any warm-up). */
  double initialValue();

  /** A constant rate. */
  static ScheduleSpec constant(double value) {
    return new ConstantScheduleSpec(value, 0);
  }
}
