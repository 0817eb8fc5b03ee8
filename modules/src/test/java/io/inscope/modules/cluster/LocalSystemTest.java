package io.inscope.modules.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inscope.configs.Activation;
import io.inscope.configs.Every;
import io.inscope.configs.JobSpec;
import io.inscope.configs.StrategyType;
import io.inscope.configs.ThreadsSpec;
import io.inscope.configs.TimeSpan;
import io.inscope.configs.TrainSpec;
import io.inscope.modules.train.Jobs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

class LocalSystemTest {
  @Test
  void sessionConfigTakesTheThreadPoolsFromTrainThreads() {
    ConfigProto chosen = new LocalSystem().sessionConfig(withThreads(new ThreadsSpec(2, 1)));
    assertEquals(2, chosen.getIntraOpParallelismThreads());
    assertEquals(1, chosen.getInterOpParallelismThreads());
    ConfigProto defaults = new LocalSystem().sessionConfig(withThreads(ThreadsSpec.DEFAULT));
    assertEquals(0, defaults.getIntraOpParallelismThreads());
    assertEquals(0, defaults.getInterOpParallelismThreads());
  }

  private static JobSpec withThreads(ThreadsSpec threads) {
    JobSpec b = Jobs.classifier(StrategyType.ONE_DEVICE, null, List.of(4), List.of(Jobs.dense(3, Activation.LINEAR)), 8, 1);
    return new JobSpec(b.version(), b.name(), b.seed(), b.cluster(), b.strategy(), b.variables(), b.model(), b.loss(),
        b.metrics(), b.optimizer(), b.data(), new TrainSpec(null, 1L, 1, 100, Every.NEVER, null, TimeSpan.parse("10s"), threads), b.checkpoint(),
        b.export(), b.tensorboard(), b.output(), b.plugins());
  }
}
