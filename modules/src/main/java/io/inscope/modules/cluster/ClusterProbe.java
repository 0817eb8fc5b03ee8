package io.inscope.modules.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tensorflow.proto.ConfigProto;

/**
 * Waits, up to a deadline, for the tasks of a cluster. A session to a cluster blocks until every
 * task answers, with no timeout of its own; so each address is first probed with plain TCP connects
 * (retried until the deadline, as workers may still be starting), which names the address that does
 * not answer, and the device listing then runs on a daemon thread that is abandoned at the deadline.
 */
final class ClusterProbe {
  private static final Duration RETRY = Duration.ofMillis(200);
  private static final int CONNECT_MILLIS = 1000;

  private ClusterProbe() {}

  /** Addresses that refuse or ignore TCP connects until {@code deadline}, each with the last error. */
  static Map<String, String> unreachable(List<String> addresses, Instant deadline) throws InterruptedException {
    List<String> waiting = new ArrayList<>(addresses);
    Map<String, String> errors = new LinkedHashMap<>();
    while (true) {
      errors.clear();
      for (String address : waiting) {
        String error = connect(address);
        if (error != null) {
          errors.put(address, error);
        }
      }
      waiting.retainAll(errors.keySet());
      if (waiting.isEmpty() || Instant.now().plus(RETRY).isAfter(deadline)) {
        return new LinkedHashMap<>(errors);
      }
      Thread.sleep(RETRY.toMillis());
    }
  }

  private static String connect(String address) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(WorkerCluster.host(address), WorkerCluster.port(address)), CONNECT_MILLIS);
      return null;
    } catch (IOException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  /**
   * The devices of a session on {@code target}, or null when the listing does not finish by {@code
   * deadline} (the blocked native call is left on its daemon thread).
   */
  static List<String> devicesBefore(String target, ConfigProto config, Instant deadline)
      throws ClusterUnavailableException, InterruptedException {
    CompletableFuture<List<String>> listing = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        listing.complete(Devices.list(target, config));
      } catch (RuntimeException e) {
        listing.completeExceptionally(e);
      }
    }, "inscope-list-devices");
    t.setDaemon(true);
    t.start();
    long millis = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
    try {
      return listing.get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return null;
    } catch (ExecutionException e) {
      throw new ClusterUnavailableException("cannot list the devices of " + target + ": " + e.getCause().getMessage());
    }
  }
}
