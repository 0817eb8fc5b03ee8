package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tensorflow.Server;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.JobDef;
import org.tensorflow.proto.ServerDef;

/**
 * A TensorFlow gRPC server with CPU only, booted as Cloud TPU hosts boot ({@code
 * /job:tpu_worker/task:0}) on {@code 127.0.0.1:<port>}: a TPU address where no TPU is. {@link
 * #launch} runs it in a child JVM; it exits when its standard input closes.
 */
public final class NoTpuServer implements AutoCloseable {
  final Process process;
  final int port;

  private NoTpuServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the server in a child JVM on a free loopback port; returns once it serves. */
  static NoTpuServer launch() throws IOException {
    int port = freePort();
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        NoTpuServer.class.getName(), Integer.toString(port)));
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.redirectErrorStream(true);
    NoTpuServer server = new NoTpuServer(pb.start(), port);
    BufferedReader lines = new BufferedReader(
        new InputStreamReader(server.process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = lines.readLine()) != null && !line.equals("ready")) {
      // skip TensorFlow's start-up lines
    }
    assertEquals("ready", line, "the loopback TensorFlow server did not start");
    return server;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  String address() {
    return "grpc://127.0.0.1:" + port;
  }

  @Override
  public void close() throws Exception {
    process.getOutputStream().close();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    ServerDef def = ServerDef.newBuilder()
        .setCluster(ClusterDef.newBuilder().addJob(
            JobDef.newBuilder().setName("tpu_worker").putTasks(0, "127.0.0.1:" + port)))
        .setJobName("tpu_worker")
        .setTaskIndex(0)
        .setProtocol("grpc")
        .build();
    new Server(def).start();
    System.out.println("ready");
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve until the parent closes our standard input
    }
    System.exit(0);
  }
}
