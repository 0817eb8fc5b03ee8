package io.inscope.runner;

import io.inscope.configs.JobFileException;
import io.inscope.configs.JobSpec;
import io.inscope.configs.LoadedJob;
import java.util.List;
import io.inscope.configs.StrategyType;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.runner.internal.Injectors;
import io.inscope.runner.internal.JobSession;
import io.inscope.runner.internal.Tasks;
import java.io.PrintWriter;
import org.tensorflow.GraphOperation;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Initializes the system and builds the graph, without training: devices, replicas, the batch per
 * replica, every variable with its shape, dtype and placement, and the parameter count.
 */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Resolve the system and build the job; list devices, replicas and variables; do not train.")
public final class PlanCommand implements Callable<Integer> {
  @Mixin JobOptions job;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    LoadedJob loaded = job.load();
    try {
      return plan(loaded);
    } catch (UserException e) {
      if (e.path() == null) {
        throw e;
      }
      // a shape error found while building: reported like the loader's errors, where it was written
      String report = new JobFileException(job.file.toString(), List.of(loaded.errorAt(e.path(), e.detail()))).report();
      throw new UserException(e.exitCode(), report);
    }
  }

  private Integer plan(LoadedJob loaded) throws Exception {
    JobSpec s = loaded.spec();
    PrintWriter out = spec.commandLine().getOut();
    if (s.strategy().type() == StrategyType.TPU) {
      return TpuPlan.print(s, Injectors.forJob(s.plugins()), out);
    }
    try (JobSession session = JobSession.build(s, Injectors.forJob(s.plugins()))) {
      out.printf("job: %s%n", loaded.secrets().redact(s.name()));
      out.printf("strategy: %s%n", session.strategy.name());
      out.printf("devices: %s%n", String.join(", ", session.topology.devices()));
      Tasks.lines(s, session.topology).forEach(t -> out.printf("task %s%n", t));
      out.printf("replicas: %d (%s)%n", session.strategy.replicas(), String.join(", ", session.strategy.replicaDevices()));
      int batch = s.data().train().batchSize();
      out.printf("batch: %d global, %d per replica; %d training examples, %d steps per epoch%n",
          batch, batch / session.strategy.replicas(), session.trainData.size(), session.trainData.stepsPerEpoch());
      out.printf("%-32s %-14s %-8s %-10s %s%n", "variable", "shape", "dtype", "kind", "devices");
      long params = 0;
      for (MirroredVariable<?> v : session.step.variables()) {
        String devices = String.join(", ", v.components().stream()
            .map(c -> ((GraphOperation) c.op()).device()).map(d -> d.isEmpty() ? "(colocated)" : d).toList());
        out.printf("%-32s %-14s %-8s %-10s %s%n", v.name(), v.shape(), dtype(v),
            v.kind().name().toLowerCase(Locale.ROOT), devices);
        if (v.kind() == MirroredVariable.Kind.WEIGHT) {
          params += v.elements();
        }
      }
      out.printf("parameters: %,d%n", params);
      out.flush();
    }
    return ExitCodes.OK;
  }

  private static String dtype(MirroredVariable<?> v) {
    return v.type().getSimpleName().substring(1).toLowerCase(Locale.ROOT);
  }
}
