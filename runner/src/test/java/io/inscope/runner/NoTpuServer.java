package io.inscope.runner;

import java.io.IOException;
import org.tensorflow.Server;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.JobDef;
import org.tensorflow.proto.ServerDef;

/**
 * A TensorFlow gRPC server with CPU only, booted as Cloud TPU hosts boot ({@code
 * /job:tpu_worker/task:0}) on {@code 127.0.0.1:<port>}: a TPU address where no TPU is. Prints
 * {@code ready} once serving and exits when its standard input closes (its parent ended).
 */
public final class NoTpuServer {
  private NoTpuServer() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    ServerDef def = ServerDef.newBuilder()
        .setCluster(ClusterDef.newBuilder().addJob(
            JobDef.newBuilder().setName("tpu_worker").putTasks(0, "127.0.0.1:" + port)))
        .setJobName("tpu_worker")
        .setTaskIndex(0)
        .setProtocol("grpc")
        .build();
    Server server = new Server(def);
    server.start();
    System.out.println("ready");
    System.out.flush();
    while (System.in.read() >= 0) {
      // serve until the parent closes our standard input
    }
    System.exit(0);
  }
}
