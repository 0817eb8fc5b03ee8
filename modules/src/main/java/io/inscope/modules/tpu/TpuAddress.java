package io.inscope.modules.tpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.JobDef;

/**
 * Where the TPU is, resolved the way TensorFlow's {@code TPUClusterResolver} does it without a
 * cloud API: a {@code grpc://} address is parsed, not looked up.
 *
 * <pre>
 * cluster: {tpu: grpc://10.0.0.2:8470}                 # port defaults to 8470
 * cluster: {tpu: "grpc://10.0.0.2,grpc://10.0.0.3"}    # one endpoint per TPU host; task 0 is the master
 * cluster: {tpu: local}                                # TPU devices of this process
 * cluster: {tpu: ""}                                   # KUBE_GOOGLE_CLOUD_TPU_ENDPOINTS, TPU_NAME, then TPU_CONFIG
 * cluster: {tpu: "grpc://${COLAB_TPU_ADDR}"}           # Colab: COLAB_TPU_ADDR is host:port
 * </pre>
 *
 * @param master the session target: {@code grpc://host:port} of the first endpoint, {@code ""} for
 *     local
 * @param endpoints {@code host:port} of each TPU host, in task order (empty for local)
 * @param source what the address came from, for messages ({@code cluster.tpu}, {@code TPU_NAME})
 */
public record TpuAddress(String master, List<String> endpoints, String source) {
  /** The TPU host's gRPC port when an address names none (TensorFlow's {@code _DEFAULT_ENDPOINT_PORT}). */
  public static final int DEFAULT_PORT = 8470;
  /** The job the TPU hosts are named in the cluster the client sends, as TensorFlow's resolver. */
  public static final String JOB = "worker";
  private static final List<String> NAME_VARIABLES = List.of("KUBE_GOOGLE_CLOUD_TPU_ENDPOINTS", "TPU_NAME");
  private static final ObjectMapper JSON = new ObjectMapper();

  public TpuAddress {
    endpoints = List.copyOf(endpoints);
  }

  public boolean isLocal() {
    return master.isEmpty();
  }

  /**
   * Resolves {@code cluster.tpu}; null or empty reads the environment as TensorFlow does.
   *
   * @throws IllegalArgumentException when nothing names a TPU, or a name needs a cloud API lookup
   */
  public static TpuAddress resolve(String tpu, Map<String, String> env) {
    if (tpu != null && !tpu.isEmpty()) {
      return parse(tpu, "cluster.tpu");
    }
    for (String variable : NAME_VARIABLES) {
      String value = env.get(variable);
      if (value != null && !value.isEmpty()) {
        return parse(value, variable);
      }
    }
    String config = env.get("TPU_CONFIG");
    if (config != null && !config.isEmpty()) {
      throw nameNeedsLookup(nodeName(config), "TPU_CONFIG");
    }
    throw new IllegalArgumentException(
        "cluster.tpu: no TPU address given and none of KUBE_GOOGLE_CLOUD_TPU_ENDPOINTS, TPU_NAME, "
            + "TPU_CONFIG is set; set cluster.tpu to grpc://host:8470 (on Colab: "
            + "grpc://${COLAB_TPU_ADDR}) or to local");
  }

  static TpuAddress parse(String text, String source) {
    if (text.equals("local")) {
      return new TpuAddress("", List.of(), source);
    }
    List<String> endpoints = new ArrayList<>();
    for (String part : text.split(",")) {
      String e = part.trim();
      if (!e.startsWith("grpc://")) {
        throw nameNeedsLookup(e, source);
      }
      endpoints.add(endpoint(e.substring("grpc://".length()), source));
    }
    return new TpuAddress("grpc://" + endpoints.get(0), endpoints, source);
  }

  private static String endpoint(String hostPort, String source) {
    int colon = hostPort.lastIndexOf(':');
    boolean hasPort = colon > 0 && hostPort.indexOf(']') < colon;
    String host = hasPort ? hostPort.substring(0, colon) : hostPort;
    if (host.isEmpty() || host.contains("/")) {
      throw new IllegalArgumentException(
          source + ": expected grpc://host[:port] (got 'grpc://" + hostPort + "')");
    }
    if (!hasPort) {
      return host + ":" + DEFAULT_PORT;
    }
    String port = hostPort.substring(colon + 1);
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException(
          source + ": port must be 1-65535 (got '" + port + "' in 'grpc://" + hostPort + "')");
    }
    return hostPort;
  }

  private static String nodeName(String tpuConfig) {
    try {
      JsonNode node = JSON.readTree(tpuConfig).path("tpu_node_name");
      return node.isTextual() ? node.asText() : tpuConfig;
    } catch (IOException e) {
      throw new IllegalArgumentException("TPU_CONFIG: not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
    }
  }

  private static IllegalArgumentException nameNeedsLookup(String name, String source) {
    return new IllegalArgumentException(
        source + ": '" + name + "' is a TPU name, which needs a Cloud TPU API lookup this runner "
            + "does not do; give the TPU host's address instead: cluster.tpu: grpc://<ip>:"
            + DEFAULT_PORT + " (gcloud compute tpus describe " + name + " shows it)");
  }

  /** The cluster the client sends ({@code ConfigProto.cluster_def}): job worker, one task per host. */
  public ClusterDef clusterDef() {
    JobDef.Builder job = JobDef.newBuilder().setName(JOB);
    for (int i = 0; i < endpoints.size(); i++) {
      job.putTasks(i, endpoints.get(i));
    }
    return endpoints.isEmpty() ? ClusterDef.getDefaultInstance() : ClusterDef.newBuilder().addJob(job).build();
  }

  @Override
  public String toString() {
    return isLocal() ? "local" : master + (endpoints.size() > 1 ? " (" + endpoints.size() + " hosts)" : "");
  }
}
