package io.inscope.modules.train;

import io.inscope.modules.optimizers.Optimizer;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.StrategyScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Gradients of each replica's loss with respect to the values it read of the trainable weights,
 * mean-reduced across replicas by the strategy, then applied by the optimizer to every replica's
 * components. Every update waits for every reduced gradient, so no replica's backward pass can
 * overlap an update.
 */
final class Gradients {
  private Gradients() {}

  /** The trainable weights, in creation order: what the optimizer is built for. */
  @SuppressWarnings("unchecked")
  static List<MirroredVariable<TFloat32>> trainable(StrategyScope scope) {
    List<MirroredVariable<TFloat32>> trainable = new ArrayList<>();
    for (MirroredVariable<?> v : scope.variables()) {
      if (v.trainable() && v.kind() == MirroredVariable.Kind.WEIGHT) {
        trainable.add((MirroredVariable<TFloat32>) v);
      }
    }
    return trainable;
  }

  /**
   * Per replica, the gradient of the sum of every replica's loss with respect to the weights it
   * read: one backward pass over the whole step. Where no value crosses replicas this is each
   * replica's own gradient; where one does (synchronized batch norm), replica r's weights also
   * move the other replicas' losses, and that part flows back through the all-reduce.
   */
  private static List<Output<?>[]> perReplica(
      StrategyScope scope, Replicated replicated, List<MirroredVariable<TFloat32>> trainable, LossScale lossScale) {
    int n = scope.replicas();
    int m = trainable.size();
    Output<?>[] ys = new Output<?>[n];
    Output<?>[] xs = new Output<?>[n * m];
    for (int r = 0; r < n; r++) {
      Operand<TFloat32> loss = replicated.losses().get(r);
      ys[r] = lossScale == null ? loss.asOutput()
          : scope.replicaOps(r).math.mul(loss, replicaScale(scope, replicated, r, lossScale)).asOutput();
      for (int j = 0; j < m; j++) {
        xs[r * m + j] = replicated.contexts().get(r).read(trainable.get(j)).asOutput();
      }
    }
    Output<?>[] all = m == 0 ? xs : scope.graph().addGradients(null, ys, xs, null);
    List<Output<?>[]> grads = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      grads.add(Arrays.copyOfRange(all, r * m, (r + 1) * m));
    }
    return grads;
  }

  /** The loss scale, as replica {@code r} read it for the step (once). */
  private static Operand<TFloat32> scaleRead(Replicated replicated, int r, LossScale lossScale) {
    return replicated.contexts().get(r).read(lossScale.variable());
  }

  /**
   * What replica {@code r} multiplies its loss (the mean over its slice) by: the scale over the
   * number of replicas in sync (every task's, between graphs), so that its float16 gradients have
   * the magnitude of its share of the global batch's, as Keras scales a replica's loss by 1 /
   * num_replicas_in_sync; exact, the count being a power of two or the division rounding once in
   * float32.
   */
  private static Operand<TFloat32> replicaScale(StrategyScope scope, Replicated replicated, int r, LossScale lossScale) {
    Operand<TFloat32> read = scaleRead(replicated, r, lossScale);
    int n = scope.strategy().replicasInSync();
    return n == 1 ? read : scope.replicaOps(r).math.div(read, scope.replicaOps(r).constant((float) n));
  }

  /**
   * @param lossScale with {@code mixed_float16}, the dynamic loss scale ({@link LossScale}); else null
   */
  @SuppressWarnings("unchecked")
  static Op applyReduced(StrategyScope scope, Optimizer optimizer, Replicated replicated, LossScale lossScale) {
    List<MirroredVariable<TFloat32>> trainable = trainable(scope);
    int n = scope.replicas();
    List<Output<?>[]> grads = perReplica(scope, replicated, trainable, lossScale);
    // so that grappler fuses conv/matmul + bias + relu, as it does for TensorFlow Python's graphs
    ActivationGradients.rewrite(scope.graph(), scope.tf());
    Ops tf = scope.tf();
    List<List<Operand<TFloat32>>> perVariable = new ArrayList<>(); // [variable][replica]
    for (int j = 0; j < trainable.size(); j++) {
      List<Operand<TFloat32>> perReplica = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        perReplica.add((Operand<TFloat32>) grads.get(r)[j]);
      }
      perVariable.add(perReplica);
    }
    List<List<Operand<TFloat32>>> reduced = scope.strategy().allReduceMeans(tf, perVariable);
    List<Op> all = new ArrayList<>();
    reduced.forEach(all::addAll);
    // every replica holds the same reduced values: replica 0's decide for all
    Operand<TBool> finite = null;
    if (lossScale != null) {
      Ops checking = scope.replicaOps(0).withSubScope("loss_scale");
      Op reducedAll = checking.withName("all_reduced").withControlDependencies(all).noOp();
      finite = LossScale.allFinite(checking.withControlDependencies(List.of(reducedAll)),
          reduced.stream().map(perReplica -> perReplica.get(0)).toList());
    }
    List<Op> updates = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      // one barrier per replica carries the wait: gating every optimizer op on every gradient
      // directly made (ops x gradients) control edges, quadratic in depth, which grappler then
      // spent most of a deep network's first execution on (docs/benchmarks.md, build time)
      Ops applying = scope.replicaOps(r).withSubScope("apply_gradients");
      Op reducedAll = applying.withName("all_reduced").withControlDependencies(all).noOp();
      Ops gated = applying.withControlDependencies(List.of(reducedAll));
      List<Operand<TFloat32>> replicaGrads = new ArrayList<>();
      for (int j = 0; j < trainable.size(); j++) {
        replicaGrads.add(reduced.get(j).get(r));
      }
      int replica = r;
      updates.add(lossScale == null ? optimizer.apply(gated, r, replicaGrads)
          : lossScale.apply(gated, r, finite, scaleRead(replicated, r, lossScale),
              replicaScale(scope, replicated, r, lossScale), replicaGrads,
              (whenFinite, unscaled) -> optimizer.apply(whenFinite, replica, unscaled)));
    }
    return tf.withControlDependencies(updates).noOp();
  }
}
