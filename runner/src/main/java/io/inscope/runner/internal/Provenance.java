package io.inscope.runner.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inscope.configs.JobSpec;
import io.inscope.modules.cluster.Topology;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import org.tensorflow.TensorFlow;

/** provenance.json: what ran, where and on what, so the run can be reproduced and compared. */
public final class Provenance {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Provenance() {}

  public static String json(JobSpec job, String resolvedYaml, Topology topology, Instant start) throws Exception {
    ObjectNode o = JSON.createObjectNode();
    o.put("runner", runnerVersion());
    o.put("tensorflow", TensorFlow.version());
    o.put("tensorflow_java", "1.1.0");
    o.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    o.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    o.put("arch", System.getProperty("os.arch"));
    o.put("cpus", Runtime.getRuntime().availableProcessors());
    o.putPOJO("devices", topology.devices());
    o.putPOJO("replica_devices", topology.replicaDevices());
    o.put("strategy", job.strategy().type().name().toLowerCase(java.util.Locale.ROOT));
    o.put("start_time", start.toString());
    o.put("spec_sha256", sha256(resolvedYaml));
    o.put("seed", job.seed());
    return JSON.writeValueAsString(o) + "\n";
  }

  public static String runnerVersion() {
    String v = Provenance.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  public static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
