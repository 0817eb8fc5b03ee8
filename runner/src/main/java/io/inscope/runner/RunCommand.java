package io.inscope.runner;

import io.inscope.configs.JobRenderer;
import io.inscope.configs.JobSpec;
import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.modules.checkpoint.TrainingState;
import io.inscope.modules.train.DivergedException;
import io.inscope.modules.train.Outcome;
import io.inscope.modules.train.Trainer;
import io.inscope.runner.internal.Console;
import io.inscope.runner.internal.Exporter;
import io.inscope.runner.internal.Injectors;
import io.inscope.runner.internal.JobSession;
import io.inscope.runner.internal.Listeners;
import io.inscope.runner.internal.LostTask;
import io.inscope.runner.internal.MetricsFile;
import io.inscope.runner.internal.Provenance;
import io.inscope.runner.internal.RunDirectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tensorflow.exceptions.TensorFlowException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Trains a job, resuming from the run directory's latest checkpoint unless {@code --fresh}. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Train a job (resumes from the run directory's latest checkpoint).")
public final class RunCommand implements Callable<Integer> {
  @Mixin JobOptions job;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Option(names = "--fresh", description = "ignore existing checkpoints and start from step 0")
  boolean fresh;

  @Override
  public Integer call() throws Exception {
    JobSpec spec = job.load().spec();
    PrintWriter err = this.spec.commandLine().getErr();
    Instant start = Instant.now();
    Path dir = output.runDirectory(spec);
    try (RunDirectory run = RunDirectory.acquire(dir);
        JobSession session = JobSession.build(spec, Injectors.forJob(spec.plugins()))) {
      String resolved = JobRenderer.render(spec);
      run.writeAtomically("job.resolved.yaml", resolved);
      run.writeAtomically("provenance.json", Provenance.json(spec, resolved, session.topology, start));
      Checkpoints checkpoints = new Checkpoints(run.resolve("checkpoints"), spec.checkpoint().keep(), w -> err.println("warning: " + w));
      long startStep = 0;
      Optional<Path> latest = fresh ? Optional.empty() : checkpoints.latest();
      if (latest.isPresent()) {
        TrainingState state = checkpoints.restore(session.session(), session.checkpointOps, latest.get());
        startStep = state.step();
        if (!output.quiet) {
          err.println("resuming from " + latest.get() + " (step " + startStep + ")");
        }
      }
      long total = Trainer.totalSteps(spec, session.plan);
      try (MetricsFile metrics = new MetricsFile(run.resolve("metrics.jsonl"));
          Console console = new Console(err, metrics, output.quiet, output.verbose, System.console() != null, startStep, total)) {
        Trainer trainer = new Trainer(spec, session.step, session.checkpointOps, checkpoints,
            session.session(), session.eval, new Listeners(List.of(console, io.inscope.runner.internal.TensorBoardWriter.listener(session, run.resolve("tensorboard"), startStep, err))), Provenance.sha256(resolved));
        Signals.onTerminate(trainer::requestStop);
        Outcome outcome;
        try {
          outcome = trainer.run(session.train, session.plan, startStep);
        } catch (DivergedException e) {
          console.close();
          throw new UserException(ExitCodes.DIVERGED, e.getMessage());
        } catch (TensorFlowException e) {
          console.close();
          throw LostTask.of(e, spec);
        }
        console.close();
        if (outcome.interrupted()) {
          err.println("interrupted at step " + outcome.steps() + "; checkpoint written; rerun to resume");
          return ExitCodes.INTERRUPTED;
        }
        if (spec.export().savedModel()) {
          Exporter.savedModel(session, run.resolve("export").resolve("saved_model"));
        }
        err.println(Summary.line(spec, outcome, Instant.now().toEpochMilli() - start.toEpochMilli(), dir));
        err.flush();
        return ExitCodes.OK;
      }
    }
  }
}
