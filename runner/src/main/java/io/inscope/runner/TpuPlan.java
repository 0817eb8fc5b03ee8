package io.inscope.runner;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.inscope.configs.JobSpec;
import io.inscope.modules.cluster.ClusterUnavailableException;
import io.inscope.modules.cluster.SystemInitializer;
import io.inscope.modules.cluster.Topology;
import io.inscope.modules.tpu.TpuSystem;
import java.io.PrintWriter;
import java.util.Map;

/**
 * {@code plan} for {@code strategy: tpu}: the resolved master first (so it shows even when the TPU
 * does not answer), then the TPU system is initialized and its cores, the replicas and the batch
 * per replica are printed; no step is built or run, and the TPU system is shut down again.
 */
final class TpuPlan {
  private TpuPlan() {}

  static int print(JobSpec job, Injector injector, PrintWriter out) throws UserException {
    SystemInitializer system = injector
        .getInstance(Key.get(new TypeLiteral<Map<String, SystemInitializer>>() {}))
        .get("tpu");
    Topology topology;
    try {
      String master = ((TpuSystem) system).address(job).toString();
      out.printf("job: %s%n", job.name());
      out.printf("strategy: tpu%n");
      out.printf("tpu master: %s%n", master);
      out.flush();
      topology = system.initialize(job);
    } catch (ClusterUnavailableException e) {
      throw new UserException(ExitCodes.UNAVAILABLE, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UserException(ExitCodes.USAGE, e.getMessage());
    }
    try {
      out.printf("devices: %s%n", String.join(", ", topology.devices()));
      out.printf("tpu cores: %d (%s)%n", topology.devicesOfType("TPU").size(), String.join(", ", topology.devicesOfType("TPU")));
      out.printf("replicas: %d (%s)%n", topology.replicas(), String.join(", ", topology.replicaDevices()));
      int batch = job.data().train().batchSize();
      if (batch % topology.replicas() != 0) {
        throw new UserException(ExitCodes.USAGE, "data.train.batch_size: " + batch
            + " does not divide evenly over " + topology.replicas() + " TPU replicas");
      }
      out.printf("batch: %d global, %d per replica%n", batch, batch / topology.replicas());
      out.flush();
      return ExitCodes.OK;
    } finally {
      system.shutdown(job, topology);
    }
  }
}
