package io.inscope.modules.tpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.Activation;
import io.inscope.configs.ClusterSpec;
import io.inscope.configs.JobSpec;
import io.inscope.configs.StrategySpec;
import io.inscope.configs.StrategyType;
import io.inscope.configs.TimeSpan;
import io.inscope.modules.cluster.ClusterUnavailableException;
import io.inscope.modules.train.Jobs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

class TpuSystemTest {

  static JobSpec tpuJob(String tpu) {
    JobSpec j = Jobs.classifier(StrategyType.TPU, null, List.of(4), List.of(Jobs.dense(3, Activation.LINEAR)), 8, 1);
    return new JobSpec(j.version(), j.name(), j.seed(), new ClusterSpec(tpu, null, TimeSpan.parse("10s")),
        new StrategySpec(StrategyType.TPU, null), j.variables(), j.model(), j.loss(), j.metrics(),
        j.optimizer(), j.data(), j.train(), j.checkpoint(), j.export(), j.output(), j.plugins());
  }

  @Test
  void sessionConfigIsTpuStrategys() {
    ConfigProto c = new TpuSystem(Map.of()).sessionConfig(tpuJob("grpc://10.0.0.2"));
    assertTrue(c.getAllowSoftPlacement());
    assertTrue(c.getIsolateSessionState());
    assertEquals("10.0.0.2:8470", c.getClusterDef().getJob(0).getTasksOrThrow(0));
  }

  @Test
  void emptyAddressIsReadFromTheGivenEnvironment() {
    TpuSystem system = new TpuSystem(Map.of("TPU_NAME", "grpc://10.3.3.3:8470"));
    assertEquals("grpc://10.3.3.3:8470", system.address(tpuJob("")).master());
    assertEquals("grpc://10.3.3.3:8470", system.address(tpuJob(null)).master());
  }

  @Test
  void localWithoutTpuNamesThisProcessAndItsDevices() {
    ClusterUnavailableException e = assertThrows(ClusterUnavailableException.class,
        () -> new TpuSystem(Map.of()).initialize(tpuJob("local")));
    assertTrue(e.getMessage().startsWith("no TPU_SYSTEM device at this process (cluster.tpu: local) (found: CPU:0"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("use strategy: mirrored to run without a TPU"), e.getMessage());
  }
}
