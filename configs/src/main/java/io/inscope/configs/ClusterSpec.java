package io.inscope.configs;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the computation runs. Nothing set: this machine (or the cluster in {@code TF_CONFIG} when
 * that variable is present and the strategy is multi-worker).
 *
 * <pre>
 * cluster: {tpu: grpc://10.0.0.2:8470}
 * cluster: {workers: [10.0.0.1:2222, 10.0.0.2:2222], deadline: 60s, step_timeout: 5m}
 * </pre>
 *
 * <table>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>tpu</td><td>unset</td><td>TPU address</td></tr>
 * <tr><td>workers</td><td>unset</td><td>gRPC server tasks, task 0 runs the job</td></tr>
 * <tr><td>deadline</td><td>60s</td><td>how long to wait for every task to answer at start</td></tr>
 * <tr><td>step_timeout</td><td>5m</td><td>multi_worker_mirrored: a session call (a step, a checkpoint)
 *     that takes longer ends the run with exit 69, as when a task vanishes mid-step</td></tr>
 * </table>
 */
public record ClusterSpec(
    @Doc("TPU address: grpc://host[:port][,grpc://host[:port]...] or local; empty reads TPU_NAME / TPU_CONFIG")
        @OptionalKey
        String tpu,
    @Doc("TensorFlow gRPC server tasks of job 'worker', as host:port; task 0 runs the job")
        @OptionalKey
        List<String> workers,
    @Doc("how long to wait for every task or the TPU host to answer") @Default("60s")
        TimeSpan deadline,
    @Doc("multi_worker_mirrored: the longest a step (one session call) may take before the run ends with exit 69, as when a task vanishes mid-step; the last checkpoint is kept")
        @Default("5m")
        TimeSpan stepTimeout) {
  /** {@code step_timeout} when the file leaves it out. */
  public static final TimeSpan DEFAULT_STEP_TIMEOUT = new TimeSpan(Duration.ofMinutes(5));

  public ClusterSpec(String tpu, List<String> workers, TimeSpan deadline) {
    this(tpu, workers, deadline, DEFAULT_STEP_TIMEOUT);
  }

  private static final Pattern ADDRESS =
      Pattern.compile("([A-Za-z0-9](?:[A-Za-z0-9.\\-]*[A-Za-z0-9])?|\\[[0-9a-fA-F:.]+\\])(?::(\\d{1,5}))?");

  public ClusterSpec {
    if (tpu != null && workers != null) {
      throw new SpecException("workers", "set either tpu or workers, not both");
    }
    if (tpu != null && !tpu.isEmpty() && !tpu.equals("local")) {
      for (String endpoint : tpu.split(",")) {
        String e = endpoint.trim();
        if (!e.startsWith("grpc://") || !isAddress(e.substring("grpc://".length()), false)) {
          throw new SpecException(
              "tpu",
              "expected grpc://host[:port] or local (got '"
                  + endpoint.trim()
                  + "'); a TPU name needs a cloud API lookup, give its grpc:// address instead");
        }
      }
    }
    if (workers != null) {
      if (workers.isEmpty()) {
        throw new SpecException("workers", "must list at least one host:port");
      }
      for (String w : workers) {
        if (!isAddress(w, true)) {
          throw new SpecException("workers", "expected host:port (got '" + w + "')");
        }
      }
      workers = List.copyOf(workers);
    }
  }

  /** host:port (port 1-65535; optional unless {@code portRequired}); host a name, IPv4 or [IPv6]. */
  private static boolean isAddress(String address, boolean portRequired) {
    Matcher m = ADDRESS.matcher(address);
    if (!m.matches() || (portRequired && m.group(2) == null)) {
      return false;
    }
    return m.group(2) == null || (Integer.parseInt(m.group(2)) >= 1 && Integer.parseInt(m.group(2)) <= 65535);
  }

  public boolean isLocal() {
    return tpu == null && workers == null;
  }
}
