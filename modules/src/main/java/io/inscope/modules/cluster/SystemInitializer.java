package io.inscope.modules.cluster;

import io.inscope.configs.JobSpec;
import org.tensorflow.proto.ConfigProto;

/**
 * Phase 1 of a job: resolve where it runs, reach it, and list the devices its session really sees.
 * One per {@code strategy.type}, bound in a {@code MapBinder<String, SystemInitializer>}. Failure
 * is a {@link ClusterUnavailableException} (exit 69) naming the address and the devices found.
 */
public interface SystemInitializer {

  Topology initialize(JobSpec job) throws ClusterUnavailableException;

  /** The configuration of every session the job opens (on {@link Topology#target()}). */
  ConfigProto sessionConfig(JobSpec job);

  /** Releases what {@link #initialize} acquired (a TPU system, a server); default: nothing. */
  default void shutdown(JobSpec job, Topology topology) {}
}
