package io.inscope.runner;

import io.inscope.configs.ExportFrom;
import io.inscope.configs.JobRenderer;
import io.inscope.configs.JobSpec;
import io.inscope.configs.Secrets;
import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.modules.checkpoint.TrainingState;
import io.inscope.modules.cluster.MultiWorkerSystem;
import io.inscope.modules.data.ClassNames;
import io.inscope.modules.data.Vocabulary;
import io.inscope.modules.data.DataException;
import io.inscope.modules.strategy.StepCompilationException;
import io.inscope.modules.train.DivergedException;
import io.inscope.modules.train.Outcome;
import io.inscope.modules.train.Trainer;
import io.inscope.runner.internal.Completion;
import io.inscope.runner.internal.Console;
import io.inscope.runner.internal.EnvironmentFaults;
import io.inscope.runner.internal.Exporter;
import io.inscope.runner.internal.GracefulStop;
import io.inscope.runner.internal.Injectors;
import io.inscope.runner.internal.JobSession;
import io.inscope.runner.internal.Listeners;
import io.inscope.runner.internal.LostTask;
import io.inscope.runner.internal.ConfusionMatrixCsv;
import io.inscope.runner.internal.MetricsFile;
import io.inscope.runner.internal.WarmStart;
import io.inscope.runner.internal.Provenance;
import io.inscope.runner.internal.TensorBoardWriter;
import io.inscope.runner.internal.RunDirectory;
import io.inscope.runner.internal.TaskShare;
import io.inscope.modules.strategy.Coordination;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TFResourceExhaustedException;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * One job in its own run directory, with its own injector, graph and session: take the lock,
 * return at once if the job already finished, otherwise resume from the latest complete
 * checkpoint (or start over with {@code --fresh}), train, export, and record the completion.
 */
final class JobRun {
  private final JobSpec spec;
  private final Secrets secrets;
  private final String name;
  private final Path dir;
  private final String label;
  private final boolean fresh;
  private final OutputOptions output;
  private final PrintWriter err;
  private final GracefulStop stop;

  /** @param secrets values that nothing written or printed may show (the job's name included) */
  JobRun(JobSpec spec, Secrets secrets, Path dir, String label, boolean fresh, OutputOptions output, PrintWriter err, GracefulStop stop) {
    this.spec = spec;
    this.secrets = secrets;
    this.name = secrets.redact(spec.name());
    this.dir = dir;
    this.label = label;
    this.fresh = fresh;
    this.output = output;
    this.err = err;
    this.stop = stop;
  }

  /**
   * Runs the job. A fault of the machine (disk full, a read-only or unwritable run directory, out
   * of memory) ends it with the exit code and message of {@link EnvironmentFaults}.
   */
  JobResult run() throws Exception {
    try {
      return runLocked();
    } catch (IOException e) {
      throw EnvironmentFaults.write(e, dir);
    } catch (UncheckedIOException e) {
      throw EnvironmentFaults.write(e.getCause(), dir);
    } catch (TFResourceExhaustedException e) {
      throw EnvironmentFaults.resourceExhausted(e, dir);
    } catch (TFInvalidArgumentException e) {
      throw EnvironmentFaults.isFoldingAllocation(e) ? EnvironmentFaults.resourceExhausted(e, dir) : e;
    } catch (OutOfMemoryError e) {
      throw EnvironmentFaults.outOfMemory(e);
    }
  }

  private JobResult runLocked() throws Exception {
    Instant start = Instant.now();
    try (RunDirectory run = RunDirectory.acquire(dir)) {
      run.staleOwner().ifPresent(pid -> err.println(
          "note: took over " + run.resolve(".lock") + " from pid " + pid + ", which was killed while holding it"));
      String resolved = secrets.redact(JobRenderer.render(spec));
      String hash = Provenance.sha256(resolved);
      Optional<Completion> done = Completion.read(dir);
      if (!fresh && done.isPresent() && done.get().matches(hash)) {
        Completion c = done.get();
        err.println(name + " already finished (" + c.steps() + " steps"
            + (c.metrics().isEmpty() ? "" : "; " + c.metrics()) + "); nothing to do; run directory " + dir
            + "; use --fresh to train it again");
        err.flush();
        if (MultiWorkerSystem.betweenGraph(spec, System.getenv("TF_CONFIG"))) {
          // the other tasks wait for the chief's first command: tell them there is nothing to train
          try (JobSession session = JobSession.build(spec, Injectors.forJob(spec.plugins()))) {
            endFollowers(session);
          }
        }
        return new JobResult(label, ExitCodes.OK, "already finished", c.steps(), c.metrics(), seconds(start), dir);
      }
      run.delete(Completion.FILE);
      Checkpoints checkpoints = new Checkpoints(run.resolve("checkpoints"), spec.checkpoint().keep(), w -> err.println("warning: " + w));
      if (fresh) {
        run.delete(ClassNames.FILE);
        run.delete(Vocabulary.FILE);
        int removed = checkpoints.removeAll();
        if (removed > 0) {
          err.println("--fresh: removed " + removed + " earlier checkpoint(s) of " + dir);
        }
      } else {
        checkpoints.removeUnfinished();
      }
      Optional<ClassNames> savedClasses;
      Optional<Vocabulary> savedVocabulary;
      try {
        savedClasses = ClassNames.readIfPresent(dir);
        savedVocabulary = Vocabulary.readIfPresent(dir);
      } catch (DataException e) {
        throw new UserException(ExitCodes.USAGE, e.getMessage());
      }
      try (JobSession session = JobSession.build(spec, Injectors.forJob(spec.plugins()), savedClasses, savedVocabulary)) {
        // before the first checkpoint: whatever the run trains, evaluates or exports uses these ids
        if (session.classes.isPresent()) {
          session.classes.get().write(run.resolve(ClassNames.FILE));
        }
        if (session.vocabulary.isPresent()) {
          session.vocabulary.get().write(run.resolve(Vocabulary.FILE));
        }
        run.writeAtomically("job.resolved.yaml", resolved);
        run.writeAtomically("provenance.json", secrets.redact(Provenance.json(spec, resolved, session.topology, start)));
        return train(run, session, checkpoints, resolved, hash, start);
      }
    }
  }

  private JobResult train(RunDirectory run, JobSession session, Checkpoints checkpoints, String resolved, String hash,
      Instant start)
      throws Exception {
    long startStep = 0;
    Optional<Path> latest = checkpoints.latest();
    TrainingState state = null;
    try {
      // initializing and restoring run on every task's devices: a task can be lost here too
      session.session();
      session.strategy.checkCompiled(session.session());
      if (latest.isPresent()) {
        state = checkpoints.restore(session.session(), session.checkpointOps, latest.get());
      }
    } catch (TensorFlowException e) {
      throw LostTask.of(e, spec);
    } catch (StepCompilationException e) {
      throw new UserException(ExitCodes.INTERNAL, e.getMessage());
    }
    if (state != null) {
      startStep = state.step();
      if (!output.quiet) {
        err.println("resuming from " + latest.get() + " (step " + startStep + ")"
            + (spec.initFrom() == null ? "" : "; init_from not applied (a resumed run continues from its own checkpoint)"));
      }
    } else if (spec.initFrom() != null) {
      // before step 0, after the initializers: what is not loaded keeps its initial value
      WarmStart.Report report = WarmStart.apply(spec.initFrom(), session.session(), session.initOps);
      WarmStart.write(run, report);
      if (!output.quiet) {
        err.println(report.summary());
      }
    }
    if (session.strategy.inputShards().count() > 1) {
      err.println(name + ": " + TaskShare.describe(session));
    }
    try {
      // between graphs: every task starts from the chief's weights (initialized, restored or warm-started)
      session.coordination.shareWeights(session.session());
    } catch (TensorFlowException e) {
      throw LostTask.of(e, spec);
    }
    long total = Trainer.totalSteps(spec, session.trainData);
    if (startStep > total) {
      throw new UserException(ExitCodes.USAGE,
          "the latest checkpoint of " + run.path() + " is at step " + startStep + " but the job now trains "
              + total + " steps; train longer, or start over with --fresh");
    }
    try (MetricsFile metrics = new MetricsFile(run.resolve("metrics.jsonl"));
        Console console = new Console(err, metrics, output.quiet, output.verbose, System.console() != null, startStep, total)) {
      Trainer trainer = new Trainer(spec, session.step, session.checkpointOps, checkpoints,
          session.session(), session.evalData, new Listeners(List.of(console,
              TensorBoardWriter.listener(session, run.resolve("tensorboard"), startStep, err),
              ConfusionMatrixCsv.listener(run, session.classes))), hash, session.preprocessing).coordinating(session.coordination);
      Outcome outcome;
      stop.attach(trainer::requestStop, spec.train());
      try {
        outcome = trainer.run(session.trainData, startStep, state);
        endFollowers(session);
      } catch (DivergedException e) {
        console.close();
        endFollowers(session);
        throw new UserException(ExitCodes.DIVERGED, e.getMessage());
      } catch (DataException e) {
        // a streamed split reads its records as it trains: a bad one stops the run here, checkpoint kept
        console.close();
        endFollowers(session);
        throw new UserException(ExitCodes.USAGE, e.getMessage());
      } catch (TensorFlowException e) {
        console.close();
        throw LostTask.of(e, spec);
      } finally {
        stop.detach();
      }
      console.close();
      if (session.strategy.inputShards().count() > 1) {
        // every task prints this at the end: equal checksums, bit-identical weights across tasks
        err.println(name + ": weights at step " + outcome.steps() + " "
            + Checkpoints.weightsChecksum(session.session(), session.checkpointOps));
      }
      String finalMetrics = Summary.metrics(outcome);
      if (outcome.interrupted()) {
        err.println("interrupted at step " + outcome.steps() + " (" + stop.reason() + "); checkpoint written; rerun to resume");
        err.flush();
        return new JobResult(label, ExitCodes.INTERRUPTED, "interrupted (" + stop.reason() + ")", outcome.steps(),
            finalMetrics, seconds(start), dir);
      }
      if (spec.export().savedModel()) {
        if (spec.export().from() == ExportFrom.BEST) {
          Path best = checkpoints.named(Checkpoints.BEST).orElseThrow(() -> new UserException(ExitCodes.USAGE,
              "export.from: best, but no evaluation wrote " + run.resolve("checkpoints").resolve(Checkpoints.BEST)));
          checkpoints.restore(session.session(), session.checkpointOps, best);
          err.println("exporting the best checkpoint " + best);
        }
        if (session.step.emaSwap() != null) {
          // the export holds the weights' moving averages; the checkpoints keep both
          session.session().runner().addTarget(session.step.emaSwap()).run();
        }
        Exporter.savedModel(session, run.resolve("export").resolve("saved_model"), outcome.steps(), spec.export().keep(),
            resolved);
      }
      new Completion(name, outcome.steps(), hash, finalMetrics, Instant.now().toString()).write(run);
      err.println(Summary.line(name, outcome, Instant.now().toEpochMilli() - start.toEpochMilli(), dir));
      err.flush();
      return new JobResult(label, ExitCodes.OK, "finished", outcome.steps(), finalMetrics, seconds(start), dir);
    }
  }

  /** Between graphs: the other tasks stop following (a lost task is not told: its peers time out). */
  private void endFollowers(JobSession session) throws Exception {
    try {
      session.coordination.send(session.session(), new Coordination.Command(Coordination.Kind.END, 0, 0));
    } catch (TensorFlowException e) {
      throw LostTask.of(e, spec);
    }
  }

  private static double seconds(Instant since) {
    return (Instant.now().toEpochMilli() - since.toEpochMilli()) / 1000.0;
  }
}
