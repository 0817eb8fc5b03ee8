package io.inscope.modules.train;

import io.inscope.modules.layers.CallContext;
import io.inscope.modules.layers.Model;
import io.inscope.modules.metrics.Metric;
import io.inscope.modules.strategy.ReplicaContext;
import io.inscope.modules.strategy.StrategyScope;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The forward pass of the training step on every replica: the global batch split evenly, each
 * replica's loss (mean over its slice) and metric sums, and the layers' update ops.
 *
 * @param contexts each replica's context: the values of the variables it read, for gradients
 */
record Replicated(
    StrategyScope scope,
    List<ReplicaContext> contexts,
    List<Operand<TFloat32>> losses,
    List<List<Operand<TFloat32>>> metricSums,
    List<Op> updates) {

  /** The loss of one replica's slice. */
  @FunctionalInterface
  interface LossFn {
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> outputs);
  }

  static Replicated build(
      StrategyScope scope,
      Model model,
      Operand<TFloat32> features,
      Operand<TFloat32> labels,
      Operand<TInt64> step,
      int globalBatch,
      LossFn lossFn,
      List<Metric> metrics,
      boolean float16) {
    int n = scope.replicas();
    perReplica(globalBatch, n);
    List<Operand<TFloat32>> xs = split(scope.tf(), features, n);
    List<Operand<TFloat32>> ys = split(scope.tf(), labels, n);
    List<Operand<TFloat32>> losses = new ArrayList<>();
    List<List<Operand<TFloat32>>> sums = new ArrayList<>();
    List<Op> updates = new ArrayList<>();
    List<ReplicaContext> contexts = new ArrayList<>();
    List<CallContext> calls = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      ReplicaContext replica = new ReplicaContext(scope, r);
      contexts.add(replica);
      calls.add(new CallContext(replica, true, step, updates, float16));
    }
    // all replicas at once: a layer may share values across them (synchronized batch norm)
    List<Operand<TFloat32>> outs = model.call(calls, xs);
    for (int r = 0; r < n; r++) {
      ReplicaContext replica = contexts.get(r);
      Ops tf = replica.tf().withSubScope(n == 1 ? "train" : "replica_" + r);
      Operand<TFloat32> out = outs.get(r);
      Operand<TFloat32> loss = lossFn.apply(tf, ys.get(r), out);
      // each replica adds the whole penalty: the mean over replicas of the gradients is then right
      Operand<TFloat32> penalty = model.regularized() ? model.regularization(replica) : null;
      losses.add(penalty == null ? loss : tf.math.add(loss, penalty));
      List<Operand<TFloat32>> replicaSums = new ArrayList<>();
      for (Metric m : metrics) {
        replicaSums.add(m instanceof RegularizationLoss ? RegularizationLoss.penaltySum(tf, penalty, ys.get(r)) : m.batchSum(tf, ys.get(r), out));
      }
      sums.add(replicaSums);
    }
    return new Replicated(scope, contexts, losses, sums, updates);
  }

  /** The batch of each of {@code replicas} replicas; fails unless the global batch divides evenly. */
  static int perReplica(int globalBatch, int replicas) {
    if (globalBatch % replicas != 0) {
      throw new IllegalArgumentException(
          "batch_size " + globalBatch + " does not divide evenly over " + replicas + " replicas");
    }
    return globalBatch / replicas;
  }

  private static List<Operand<TFloat32>> split(Ops tf, Operand<TFloat32> x, int n) {
    if (n == 1) {
      return List.of(x);
    }
    List<Operand<TFloat32>> parts = new ArrayList<>();
    tf.split(tf.constant(0), x, (long) n).forEach(parts::add);
    return parts;
  }

  /** The mean loss over the global batch (replica slices are equal in size). */
  Operand<TFloat32> meanLoss(Ops host) {
    if (losses.size() == 1) {
      return host.withName("loss").identity(losses.get(0));
    }
    return host.withName("loss").math.div(host.math.addN(losses), host.constant((float) losses.size()));
  }

  /** Each metric summed over all replicas. */
  List<Operand<TFloat32>> metricSums(Ops host) {
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (int m = 0; m < (metricSums.isEmpty() ? 0 : metricSums.get(0).size()); m++) {
      List<Operand<TFloat32>> perReplica = new ArrayList<>();
      for (List<Operand<TFloat32>> r : metricSums) {
        perReplica.add(r.get(m));
      }
      out.add(perReplica.size() == 1 ? perReplica.get(0) : host.math.addN(perReplica));
    }
    return out;
  }
}
