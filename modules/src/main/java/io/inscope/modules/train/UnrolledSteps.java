package io.inscope.modules.train;

import io.inscope.modules.layers.Model;
import io.inscope.modules.metrics.Metric;
import io.inscope.modules.optimizers.Optimizer;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.Placement;
import io.inscope.modules.strategy.ReplicatingStrategy;
import io.inscope.modules.strategy.StrategyScope;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * K training steps chained in one graph ({@code train.steps_per_execution}), so that one {@code
 * Session.run} trains K batches, as Keras' {@code steps_per_execution} and TPUEstimator's {@code
 * iterations_per_loop} do. Step k trains on slice k of the staged {@code [K × batch, ...]}
 * features and labels, with global step {@code step + k}; every op of step k + 1 is built with a
 * control dependency on step k's train op, so its forward pass, its optimizer state reads and its
 * layer updates see the variables step k wrote (a variable is read when its read op runs).
 *
 * <p>Unrolling was chosen over a {@code While} loop: TensorFlow Java cannot build gradients inside
 * a while body. The cost is a graph K times as large.
 * Running {@code trainOps.get(j - 1)} alone runs steps 0..j-1 and nothing after, which is how an
 * execution ends early at a checkpoint or evaluation step.
 *
 * <p>With a {@link ReplicatingStrategy} (TPU) each step is one replicated computation (cluster
 * {@code cluster}, {@code cluster_1}, ...) that waits for the previous one; the host averages the
 * replicas' losses and adds up their metric sums.
 *
 * @param trainOps the train op of each step; {@code trainOps.get(j - 1)} runs the first j steps
 * @param losses each step's mean loss over its global batch
 * @param metricSums each step's metric sums, in metric order
 * @param lossScales with a {@link LossScale}, the scale each step applied; else empty
 */
record UnrolledSteps(List<Op> trainOps, List<Operand<TFloat32>> losses, List<List<Operand<TFloat32>>> metricSums,
    List<Operand<TFloat32>> lossScales) {

  static UnrolledSteps build(
      StrategyScope scope,
      int stepsPerExecution,
      Model model,
      Operand<TFloat32> features,
      Operand<TFloat32> labels,
      Operand<TInt64> step,
      int batch,
      Replicated.LossFn lossFn,
      List<Metric> metrics,
      Optimizer optimizer,
      MirroredVariable<TInt64> globalStep,
      LossScale lossScale) {
    Ops tf = scope.tf();
    List<Operand<TFloat32>> xs = slices(tf, features, stepsPerExecution);
    List<Operand<TFloat32>> ys = slices(tf, labels, stepsPerExecution);
    List<Op> trainOps = new ArrayList<>();
    List<Operand<TFloat32>> losses = new ArrayList<>();
    List<List<Operand<TFloat32>>> sums = new ArrayList<>();
    List<Operand<TFloat32>> scales = new ArrayList<>();
    for (int k = 0; k < stepsPerExecution; k++) {
      scope.gate(k == 0 ? null : trainOps.get(k - 1));
      Ops host = k == 0 ? scope.tf() : scope.tf().withSubScope("step_" + k);
      Operand<TInt64> stepK = k == 0 ? step : host.math.add(step, host.constant((long) k));
      Step one = new Step(scope, model, stepK, batch, lossFn, metrics, optimizer, globalStep, lossScale);
      if (scope.strategy() instanceof ReplicatingStrategy replicating) {
        List<Op> after = k == 0 ? List.of() : List.of(trainOps.get(k - 1));
        one.replicated(replicating, k == 0 ? "cluster" : "cluster_" + k, host, xs.get(k), ys.get(k), after);
      } else {
        one.local(host, xs.get(k), ys.get(k));
      }
      trainOps.add(one.trainOp);
      losses.add(one.loss);
      sums.add(one.sums);
      if (one.scale != null) {
        scales.add(one.scale);
      }
    }
    scope.gate(null);
    return new UnrolledSteps(List.copyOf(trainOps), List.copyOf(losses), List.copyOf(sums), List.copyOf(scales));
  }

  /** One training step: built on every replica's device, or as one replicated computation. */
  private static final class Step {
    private final StrategyScope scope;
    private final Model model;
    private final Operand<TInt64> step;
    private final int batch;
    private final Replicated.LossFn lossFn;
    private final List<Metric> metrics;
    private final Optimizer optimizer;
    private final MirroredVariable<TInt64> globalStep;
    private final LossScale lossScale;
    Op trainOp;
    Operand<TFloat32> loss;
    List<Operand<TFloat32>> sums;
    Operand<TFloat32> scale;

    Step(StrategyScope scope, Model model, Operand<TInt64> step, int batch, Replicated.LossFn lossFn,
        List<Metric> metrics, Optimizer optimizer, MirroredVariable<TInt64> globalStep, LossScale lossScale) {
      this.scope = scope;
      this.model = model;
      this.step = step;
      this.batch = batch;
      this.lossFn = lossFn;
      this.metrics = metrics;
      this.optimizer = optimizer;
      this.globalStep = globalStep;
      this.lossScale = lossScale;
    }

    /** Forward pass, reduced gradients, updates: the op that completes them all. */
    private Op train(Replicated replicated) {
      List<Op> afterStep = new ArrayList<>(replicated.updates());
      afterStep.add(Gradients.applyReduced(scope, optimizer, replicated, lossScale));
      if (globalStep != null) {
        afterStep.add(DeclaredVariables.increment(globalStep, scope));
      }
      return scope.tf().withControlDependencies(afterStep).noOp();
    }

    void local(Ops host, Operand<TFloat32> x, Operand<TFloat32> y) {
      Replicated replicated = Replicated.build(scope, model, x, y, step, batch, lossFn, metrics, lossScale != null);
      trainOp = host.withName("train_step").withControlDependencies(List.of(train(replicated))).noOp();
      loss = replicated.meanLoss(host);
      sums = replicated.metricSums(host);
      if (lossScale != null) {
        scale = host.identity(replicated.contexts().get(0).read(lossScale.variable()));
      }
      if (scope.strategy().inputShards().count() > 1) {
        // between graphs: what the chief reports is every task's batch, as one global batch
        List<Operand<TFloat32>> mine = new ArrayList<>();
        mine.add(loss);
        mine.addAll(sums);
        List<Operand<TFloat32>> all = scope.strategy().meanAcrossTasks(host, mine);
        loss = host.withName("global_loss").identity(all.get(0));
        sums = new ArrayList<>(all.subList(1, all.size()));
      }
    }

    /**
     * The step as one computation of all replicas: it returns its replica's loss and metric sums,
     * which the host averages and adds up.
     */
    void replicated(ReplicatingStrategy strategy, String name, Ops host, Operand<TFloat32> x,
        Operand<TFloat32> y, List<Op> after) {
      int n = strategy.replicas();
      int slice = Replicated.perReplica(batch, n);
      List<List<Operand<TFloat32>>> out = strategy.replicate(scope, name, List.of(x, y), after, args -> {
        Replicated replicated = Replicated.build(scope, model, args.get(0), args.get(1), step, slice, lossFn, metrics, lossScale != null);
        Op done = train(replicated);
        List<Operand<TFloat32>> outputs = new ArrayList<>();
        outputs.add(replicated.losses().get(0));
        outputs.addAll(replicated.metricSums(scope.tf()));
        return new ReplicatingStrategy.Computation(outputs, List.of(done));
      });
      Ops onHost = host.withDevice(Placement.spec(strategy.hostDevice()));
      trainOp = onHost.withName("train_step").withControlDependencies(new ArrayList<>(out.get(0))).noOp();
      loss = onHost.withName("loss").math.div(onHost.math.addN(out.get(0)), onHost.constant((float) n));
      sums = new ArrayList<>();
      for (int m = 1; m < out.size(); m++) {
        sums.add(onHost.math.addN(out.get(m)));
      }
    }
  }

  private static List<Operand<TFloat32>> slices(Ops tf, Operand<TFloat32> x, int k) {
    if (k == 1) {
      return List.of(x);
    }
    List<Operand<TFloat32>> parts = new ArrayList<>();
    tf.withName("staged_" + x.op().name()).split(tf.constant(0), x, (long) k).forEach(parts::add);
    return parts;
  }

  /** Each step's loss scale stacked into a {@code [K]} vector (the scalar when K = 1); null without. */
  Operand<TFloat32> lossScaleVector(Ops tf) {
    if (lossScales.isEmpty()) {
      return null;
    }
    return lossScales.size() == 1 ? lossScales.get(0) : tf.withName("step_loss_scales").stack(lossScales);
  }

  /** Each step's loss, stacked into a {@code [K]} vector (the scalar itself when K = 1). */
  Operand<TFloat32> lossVector(Ops tf) {
    return losses.size() == 1 ? losses.get(0) : tf.withName("step_losses").stack(losses);
  }

  /** Each metric's per-step sums stacked into {@code [K]} vectors (scalars when K = 1). */
  List<Operand<TFloat32>> metricVectors(Ops tf) {
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (int m = 0; m < (metricSums.isEmpty() ? 0 : metricSums.get(0).size()); m++) {
      List<Operand<TFloat32>> perStep = new ArrayList<>();
      for (List<Operand<TFloat32>> s : metricSums) {
        perStep.add(s.get(m));
      }
      out.add(perStep.size() == 1 ? perStep.get(0) : tf.stack(perStep));
    }
    return out;
  }
}
