package io.inscope.modules.train;

import io.inscope.configs.Every;
import io.inscope.configs.JobSpec;
import io.inscope.modules.checkpoint.CheckpointOps;
import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.modules.checkpoint.TrainingState;
import io.inscope.modules.checkpoint.Watch;
import io.inscope.modules.data.Batch;
import io.inscope.modules.data.BatchPlan;
import io.inscope.modules.data.BatchPrefetcher;
import io.inscope.modules.data.DataException;
import io.inscope.modules.data.EvalData;
import io.inscope.modules.data.Examples;
import io.inscope.modules.data.PreprocessingCompiler;
import io.inscope.modules.data.TrainingData;
import io.inscope.modules.strategy.Coordination;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * The run loop: feeds prefetched batches into the training step, reports metrics on the job's
 * schedule, evaluates, checkpoints, and stops with {@link DivergedException} on a NaN or infinite
 * loss. After each scheduled evaluation the {@link EvaluationRules} run (reduce_on_plateau, the
 * best checkpoint, early stopping, which ends the loop with a checkpoint). Runs {@code train.steps_per_execution} steps per {@code Session.run} on batches a
 * background thread stages into reused feed tensors; metrics stay exact per step, and evaluations,
 * checkpoints and stops happen between executions (see {@link #executionLength}). With {@code
 * steps_per_execution: auto} an {@link ExecutionTuner} picks the executions' length.
 */
public final class Trainer {
  private final JobSpec job;
  private final TrainGraph graph;
  private final CheckpointOps checkpointOps;
  private final Checkpoints checkpoints;
  private final Session session;
  private final Evaluator evaluator;
  private final TrainListener listener;
  private final String specHash;
  private final PreprocessingCompiler preprocessing;
  private volatile boolean stopRequested;
  private EvaluationRules rules;
  private Coordination coordination = Coordination.ALONE;

  public Trainer(
      JobSpec job,
      TrainGraph graph,
      CheckpointOps checkpointOps,
      Checkpoints checkpoints,
      Session session,
      EvalData eval,
      TrainListener listener,
      String specHash,
      PreprocessingCompiler preprocessing) {
    this.job = job;
    this.graph = graph;
    this.checkpointOps = checkpointOps;
    this.checkpoints = checkpoints;
    this.session = session;
    this.evaluator = eval == null ? null : new Evaluator(graph, session, eval, job.data().eval().batchSize());
    this.listener = listener;
    this.specHash = specHash;
    this.preprocessing = preprocessing;
  }

  /**
   * Between graphs, as the chief: tells every other task each step before it runs, and shares the
   * weights after each evaluation (its rules may lower the learning rate or restore the best
   * weights). Returns this trainer.
   */
  public Trainer coordinating(Coordination coordination) {
    this.coordination = coordination;
    return this;
  }

  /** Asks the loop to checkpoint after the current step and return (from any thread). */
  public void requestStop() {
    stopRequested = true;
  }

  public static long totalSteps(JobSpec job, BatchPlan plan) {
    return totalSteps(job, plan.stepsPerEpoch());
  }

  public static long totalSteps(JobSpec job, TrainingData train) {
    return totalSteps(job, train.stepsPerEpoch());
  }

  private static long totalSteps(JobSpec job, long stepsPerEpoch) {
    return job.train().steps() != null ? job.train().steps() : job.train().epochs() * stepsPerEpoch;
  }

  /** Trains from {@code startStep} (0, or the step of the restored checkpoint) to the end. */
  public Outcome run(Examples train, BatchPlan plan, long startStep)
      throws DivergedException, IOException, InterruptedException, DataException {
    return run(train, plan, startStep, null);
  }

  /** As {@link #run(TrainingData, long, TrainingState)} for a split held in memory. */
  public Outcome run(Examples train, BatchPlan plan, long startStep, TrainingState restored)
      throws DivergedException, IOException, InterruptedException, DataException {
    return run(TrainingData.inMemory(train, plan), startStep, restored);
  }

  /**
   * Trains from {@code startStep} to the end, or until early stopping ends the run; {@code
   * restored} is the state of the checkpoint resumed from (null for a new run), whose counters the
   * evaluation rules continue.
   */
  public Outcome run(TrainingData train, long startStep, TrainingState restored)
      throws DivergedException, IOException, InterruptedException, DataException {
    rules = new EvaluationRules(job, graph, session, checkpoints, checkpointOps,
        restored == null ? Map.of() : restored.watches());
    String stopReason = null;
    long total = totalSteps(job, train);
    long perEpoch = train.stepsPerEpoch();
    int k = graph.stepsPerExecution();
    int[] sizes = graph.metricSizes();
    Window window = new Window(graph.metrics(), sizes);
    double[][] sums = new double[sizes.length][];
    for (int m = 0; m < sizes.length; m++) {
      sums[m] = new double[sizes[m]];
    }
    StepMetrics lastTrain = null;
    StepMetrics lastEval = null;
    long savedAt = startStep;
    long evaluatedAt = -1;
    long step = startStep;
    if (evaluator != null && restored != null && restored.evaluationPending()) {
      // the evaluation a bad eval record stopped at this step runs first, then what followed it there
      lastEval = evaluate(step, perEpoch);
      evaluatedAt = step;
      stopReason = rules.afterEvaluation(lastEval, step, w -> state(startStep, perEpoch, w, null));
      coordination.shareWeights(session);
      if (fires(job.checkpoint().every(), step, step % perEpoch == 0) || stopReason != null) {
        save(step, perEpoch, stopReason);
      }
    }
    ExecutionTuner tuner = job.train().stepsPerExecution().auto() && k > 1 && total - startStep > 1 ? new ExecutionTuner(k) : null;
    try (BatchPrefetcher batches = BatchPrefetcher.start(train, startStep, total, BatchPrefetcher.DEFAULT_SLOTS, k,
            s -> executionLength(s, total, perEpoch, tuner == null ? k : tuner.nextLength()),
            preprocessing.training(job.data().train().steps(), job.model().featureRow(), job.seed()));
        Executions executions = new Executions(session, graph)) {
      while (step < total && stopReason == null) {
        Batch batch = batches.next();
        long started = System.nanoTime();
        coordination.send(session, new Coordination.Command(Coordination.Kind.TRAIN, batch.step(), total));
        executions.run(batch);
        if (tuner != null && tuner.record(batch.steps(), System.nanoTime() - started)) {
          listener.onStepsPerExecution(tuner.chosen(), tuner.nanosPerStep());
        }
        for (int i = 0; i < batch.steps(); i++) {
          double loss = executions.loss(i);
          for (int m = 0; m < sums.length; m++) {
            executions.metricSums(m, i, sums[m]);
          }
          window.add(loss, sums, batch.count());
          step++;
          if (!Double.isFinite(loss)) {
            throw new DivergedException(step, loss);
          }
          listener.onStep(step, total, loss);
          if (step % job.train().logEverySteps() == 0 || step == total) {
            lastTrain = window.drain(step, epochOf(step, perEpoch)).withLearningRate(appliedLearningRate());
            if (graph.lossScaleVector() != null) {
              lastTrain = lastTrain.withLossScale(executions.lossScale(i));
            }
            listener.onLog(lastTrain);
          }
        }
        boolean epochEnd = step % perEpoch == 0;
        if (evaluator != null && fires(job.train().evalEvery(), step, epochEnd)) {
          lastEval = scheduledEvaluation(step, perEpoch);
          evaluatedAt = step;
          long at = step;
          stopReason = rules.afterEvaluation(lastEval, step, w -> state(at, perEpoch, w, null));
          coordination.shareWeights(session);
        }
        if (fires(job.checkpoint().every(), step, epochEnd) || stopRequested || stopReason != null) {
          save(step, perEpoch, stopReason);
          savedAt = step;
        }
        if (stopRequested) {
          return new Outcome(step, true, lastTrain, lastEval);
        }
        if (stopReason != null) {
          break;
        }
      }
    }
    if (stopReason != null) {
      if (rules.restoreBest()) {
        stopReason += "; restored the weights of that evaluation";
        coordination.shareWeights(session);
        save(step, perEpoch, stopReason);
        lastEval = evaluate(step, perEpoch);
      }
      return new Outcome(step, false, lastTrain, lastEval, stopReason);
    }
    if (savedAt != step || checkpoints.latest().isEmpty()) {
      save(step, perEpoch);
    }
    // a schedule evaluates once more after the last step; never means never
    if (evaluator != null && evaluatedAt != step && job.train().evalEvery().unit() != Every.Unit.NEVER) {
      lastEval = evaluate(step, perEpoch);
    }
    return new Outcome(step, false, lastTrain, lastEval);
  }

  /**
   * The steps of the execution that starts after {@code done} steps: up to {@code k}, ending early
   * at the next step that evaluates or checkpoints, so that those see the same weights as with one
   * step per execution. A stop request is honoured at the end of the execution.
   */
  long executionLength(long done, long total, long perEpoch, int k) {
    for (int i = 1; i < k; i++) {
      long s = done + i;
      boolean epochEnd = s % perEpoch == 0;
      if (s >= total || fires(job.checkpoint().every(), s, epochEnd)
          || (evaluator != null && fires(job.train().evalEvery(), s, epochEnd))) {
        return i;
      }
    }
    return k;
  }

  /**
   * An evaluation of the schedule during training. A streamed eval split reads its records now: a
   * bad one ends the run, after a checkpoint of the training done whose state says the evaluation
   * is pending, so that nothing trained is lost and a resumed run evaluates at this step first,
   * exactly as an uninterrupted run does.
   */
  private StepMetrics scheduledEvaluation(long step, long perEpoch)
      throws DataException, InterruptedException, IOException {
    try {
      return evaluate(step, perEpoch);
    } catch (DataException e) {
      Path p = checkpoints.save(session, checkpointOps,
          new TrainingState(step, step / perEpoch, job.seed(), specHash, rules.watches(), null, true));
      listener.onCheckpoint(step, p);
      throw e;
    }
  }

  private StepMetrics evaluate(long step, long perEpoch) throws DataException, InterruptedException {
    StepMetrics eval = evaluator.run(step, epochOf(step, perEpoch));
    listener.onEval(eval);
    return eval;
  }

  private void save(long step, long perEpoch) throws IOException {
    save(step, perEpoch, null);
  }

  private void save(long step, long perEpoch, String stopped) throws IOException {
    Path p = checkpoints.save(session, checkpointOps, state(step, perEpoch, rules.watches(), stopped));
    listener.onCheckpoint(step, p);
  }

  private TrainingState state(long step, long perEpoch, Map<String, Watch> watches, String stopped) {
    return new TrainingState(step, step / perEpoch, job.seed(), specHash, watches, stopped);
  }

  /** The rate the latest step applied, read from the graph. */
  private double appliedLearningRate() {
    return read(graph.learningRate());
  }

  private double read(org.tensorflow.Operand<TFloat32> scalar) {
    try (Result r = session.runner().fetch(scalar).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  static boolean fires(Every every, long step, boolean epochEnd) {
    return switch (every.unit()) {
      case EPOCH -> epochEnd;
      case NEVER -> false;
      case STEPS -> every.firesAtStep(step);
    };
  }

  /** The 1-based epoch a just-finished step belongs to. */
  static long epochOf(long stepsDone, long perEpoch) {
    return Math.max(1, (stepsDone + perEpoch - 1) / perEpoch);
  }
}
