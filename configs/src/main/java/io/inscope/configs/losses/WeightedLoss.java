package io.inscope.configs.losses;

/** A loss whose examples can be weighted by class ({@code class_weights}). */
public interface WeightedLoss {
  /** The class weights, or null for none. */
  ClassWeights classWeights();
}
