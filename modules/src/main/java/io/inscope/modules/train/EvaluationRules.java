package io.inscope.modules.train;

import io.inscope.configs.BestCheckpointSpec;
import io.inscope.configs.EarlyStoppingSpec;
import io.inscope.configs.JobSpec;
import io.inscope.configs.MonitorMode;
import io.inscope.modules.checkpoint.CheckpointOps;
import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.modules.checkpoint.TrainingState;
import io.inscope.modules.checkpoint.Watch;
import io.inscope.modules.schedules.PlateauOps;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * What happens after an evaluation: {@code reduce_on_plateau} may lower the rate, the best
 * checkpoint may be replaced, and early stopping may end the run. Their counters are {@link Watch}es
 * saved in every checkpoint's state, so a resumed run counts on exactly where it stopped.
 */
final class EvaluationRules {
  static final String PLATEAU = "reduce_on_plateau";
  static final String EARLY_STOPPING = "early_stopping";
  static final String BEST = "best";

  private final JobSpec job;
  private final TrainGraph graph;
  private final Session session;
  private final Checkpoints checkpoints;
  private final CheckpointOps ops;
  private final Map<String, Watch> watches = new TreeMap<>();

  EvaluationRules(JobSpec job, TrainGraph graph, Session session, Checkpoints checkpoints, CheckpointOps ops,
      Map<String, Watch> restored) {
    this.job = job;
    this.graph = graph;
    this.session = session;
    this.checkpoints = checkpoints;
    this.ops = ops;
    this.watches.putAll(restored);
  }

  Map<String, Watch> watches() {
    return Map.copyOf(watches);
  }

  /**
   * Applies every rule to the evaluation after {@code step}; returns why training stops early, or
   * null. {@code state} builds the state saved with a checkpoint written here.
   */
  String afterEvaluation(StepMetrics eval, long step, Function<Map<String, Watch>, TrainingState> state)
      throws IOException {
    PlateauOps plateau = graph.plateau();
    if (plateau != null) {
      Watches.PlateauStep p = Watches.plateau(plateau.spec(), watch(PLATEAU), value(eval, plateau.spec().monitor()),
          step, currentRate(plateau));
      watches.put(PLATEAU, p.watch());
      if (!Double.isNaN(p.newRate())) {
        try (TFloat32 r = TFloat32.scalarOf((float) p.newRate())) {
          session.runner().feed(plateau.newRate(), r).addTarget(plateau.assign()).run();
        }
      }
    }
    // every rule counts this evaluation before any checkpoint of it is written
    EarlyStoppingSpec early = job.train().earlyStopping();
    Watch w = null;
    if (early != null) {
      w = Watches.earlyStopping(early, watch(EARLY_STOPPING), value(eval, early.monitor()), step);
      watches.put(EARLY_STOPPING, w);
    }
    BestCheckpointSpec best = job.checkpoint().best();
    boolean improved = false;
    if (best != null) {
      Watch before = watch(BEST);
      Watch after = Watches.best(best.maximizes(), before, value(eval, best.monitor()), step);
      watches.put(BEST, after);
      improved = after != before;
    }
    if (improved) {
      checkpoints.saveNamed(session, ops, state.apply(watches()), Checkpoints.BEST);
    }
    if (early == null) {
      return null;
    }
    if (early.restoreBest() && w.bestStep() == step) {
      checkpoints.saveNamed(session, ops, state.apply(watches()), Checkpoints.EARLY_STOPPING_BEST);
    }
    if (!Watches.stops(early, w)) {
      return null;
    }
    return String.format(Locale.ROOT, "early stopping at step %d: %s did not improve for %d evaluation%s (best %.4f at step %d)",
        step, early.monitor(), w.waited(), w.waited() == 1 ? "" : "s", w.best(), w.bestStep());
  }

  /**
   * With {@code restore_best}, restores the variables saved at early stopping's best evaluation;
   * returns false when there is nothing to restore.
   */
  boolean restoreBest() throws IOException {
    EarlyStoppingSpec early = job.train().earlyStopping();
    if (early == null || !early.restoreBest()) {
      return false;
    }
    var saved = checkpoints.named(Checkpoints.EARLY_STOPPING_BEST);
    if (saved.isEmpty()) {
      return false;
    }
    checkpoints.restore(session, ops, saved.get());
    return true;
  }

  private Watch watch(String name) {
    return watches.getOrDefault(name, Watch.START);
  }

  private float currentRate(PlateauOps plateau) {
    try (Result r = session.runner().fetch(plateau.current()).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  static double value(StepMetrics eval, String monitor) {
    String name = MonitorMode.metricName(monitor);
    if (name.equals("loss")) {
      return eval.loss();
    }
    Double v = eval.metrics().get(name);
    if (v == null) {
      throw new IllegalStateException("the evaluation reports no '" + name + "' (reports " + eval.metrics().keySet() + ")");
    }
    return v;
  }
}
