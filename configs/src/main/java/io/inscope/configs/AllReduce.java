package io.inscope.configs;

/**
 * How replicas agree on a mean ({@code strategy.all_reduce}), as TensorFlow's {@code
 * CommunicationImplementation}: {@code hub} sums every replica's value on the first replica's
 * device and copies the result back (TensorFlow's ReductionToOneDevice); {@code ring} passes chunks
 * around the replicas in a ring (reduce-scatter, then all-gather), so each replica sends and receives
 * about twice the value's size whatever the number of replicas; {@code auto} is {@code ring} for
 * {@code multi_worker_mirrored} and {@code hub} on one machine.
 */
public enum AllReduce {
  AUTO,
  HUB,
  RING
}
