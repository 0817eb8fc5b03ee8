package io.inscope.modules.cluster;

/**
 * The system could not be initialized: a cluster task or TPU host did not answer, or the devices
 * the job needs are not there (exit code 69: retry later). The message names the address and the
 * devices actually found.
 */
public final class ClusterUnavailableException extends Exception {
  public ClusterUnavailableException(String message) {
    super(message);
  }
}
