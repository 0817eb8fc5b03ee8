package io.inscope.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.JobLoader;
import io.inscope.configs.JobSpec;
import io.inscope.runner.ExitCodes;
import io.inscope.runner.UserException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.exceptions.TFResourceExhaustedException;
import org.tensorflow.exceptions.TensorFlowException;

class LostTaskTest {
  private static final String RESET = """
      From /job:worker/replica:0/task:1:
      Connection reset by peer
      Additional GRPC error information from remote target /job:worker/replica:0/task:1 while calling /tensorflow.WorkerService/RunGraph:""";

  @Test
  void aLostTaskOfAMultiWorkerJobIsExit69NamingItsAddress() throws Exception {
    Exception e = LostTask.of(new TensorFlowException(RESET), job("multi_worker_mirrored"));
    UserException u = (UserException) e;
    assertEquals(ExitCodes.UNAVAILABLE, u.exitCode());
    assertTrue(u.getMessage().startsWith("task 1 at 127.0.0.1:5001 failed during training"), u.getMessage());
    assertTrue(u.getMessage().contains("Connection reset by peer") && u.getMessage().contains("rerun"), u.getMessage());
    assertTrue(!u.getMessage().contains("GRPC error information"), u.getMessage());
  }

  @Test
  void errorsOfTheJobItselfAndOfOtherStrategiesStayAsTheyAre() throws Exception {
    TensorFlowException oom = new TFResourceExhaustedException("OOM when allocating tensor with shape [4096, 4096]");
    assertSame(oom, LostTask.of(oom, job("multi_worker_mirrored")));
    TensorFlowException local = new TensorFlowException(RESET);
    assertSame(local, LostTask.of(local, job("one_device")));
  }

  private static JobSpec job(String strategy) throws Exception {
    String cluster = strategy.equals("one_device") ? "" : "cluster: {workers: [\"127.0.0.1:5000\", \"127.0.0.1:5001\"]}\n";
    String yaml = """
        version: 1
        name: t
        model: {input: {shape: [2]}, layers: [{dense: {units: 2}}]}
        loss: mean_squared_error
        optimizer: sgd
        data: {train: {synthetic: {examples: 8, classes: 2}, batch_size: 4}}
        train: {steps: 1}
        strategy: {type: %s}
        """.formatted(strategy) + cluster;
    return new JobLoader(Map.of()).loadResolved(yaml, Path.of("job.yaml")).spec();
  }
}
