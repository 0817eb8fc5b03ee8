package io.inscope.configs;

/** Distribution strategies ({@code strategy.type}). */
public enum StrategyType {
  MIRRORED,
  MULTI_WORKER_MIRRORED,
  ONE_DEVICE,
  TPU
}
