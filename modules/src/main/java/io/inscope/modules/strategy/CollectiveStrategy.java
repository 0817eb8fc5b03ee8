package io.inscope.modules.strategy;

import io.inscope.modules.data.Shards;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.internal.types.registry.TensorTypeRegistry;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * {@code multi_worker_mirrored} between graphs, as TensorFlow's MultiWorkerMirroredStrategy: this
 * process is one task of a cluster, builds its own graph with its replicas on its own devices, and
 * reads its own share of the training data ({@link #inputShards}); replicas agree with every other
 * task's replicas through {@link Collectives} ({@code CollectiveReduceV2} over the ring, no hub).
 * A value is reduced in packs of at most {@code bytesPerPack} bytes (the values of one call are
 * flattened and concatenated, as TensorFlow's {@code batch_all_reduce}; 0 = one pack); a value
 * whose shape is not known when the graph is built is reduced on its own.
 */
public final class CollectiveStrategy implements Strategy {
  private final List<String> devices;
  private final int task;
  private final int tasks;
  private final long bytesPerPack;
  private final float timeoutSeconds;
  private final int replicaGroup;

  /**
   * @param devices this task's replica devices; every task has as many
   * @param task this task, 0 being the chief
   * @param tasks the tasks of the cluster
   * @param timeoutSeconds how long a collective waits for the other tasks (0: forever)
   */
  public CollectiveStrategy(List<String> devices, int task, int tasks, long bytesPerPack, float timeoutSeconds) {
    this(devices, task, tasks, bytesPerPack, timeoutSeconds, Collectives.REPLICA_GROUP);
  }

  /**
   * As above, with the group keys {@code replicaGroup} (every replica) and {@code replicaGroup + 1}
   * (each task's first replica): a server remembers each group's collectives, so two jobs on the
   * same servers (tests) need keys of their own.
   */
  public CollectiveStrategy(List<String> devices, int task, int tasks, long bytesPerPack, float timeoutSeconds,
      int replicaGroup) {
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("multi_worker_mirrored needs at least one device per task");
    }
    if (task < 0 || task >= tasks) {
      throw new IllegalArgumentException("task " + task + " of " + tasks);
    }
    this.devices = List.copyOf(devices);
    this.task = task;
    this.tasks = tasks;
    this.bytesPerPack = bytesPerPack;
    this.timeoutSeconds = timeoutSeconds;
    this.replicaGroup = replicaGroup;
  }

  @Override
  public String name() {
    return "multi_worker_mirrored";
  }

  @Override
  public List<String> replicaDevices() {
    return devices;
  }

  @Override
  public String hostDevice() {
    return devices.get(0);
  }

  @Override
  public Shards inputShards() {
    return new Shards(task, tasks);
  }

  /** Replicas of every task together. */
  public int groupSize() {
    return devices.size() * tasks;
  }

  @Override
  public int replicasInSync() {
    return groupSize();
  }

  @Override
  public Optional<GraphDef> sessionGraph(Graph built) {
    return devices.size() == 1 ? Optional.empty() : Optional.of(GradientPlacement.colocated(built.toGraphDef()));
  }

  @Override
  public <T extends TNumber> List<Operand<T>> allReduceMean(Ops tf, List<Operand<T>> perReplica) {
    return allReduceMeans(tf, List.of(perReplica)).get(0);
  }

  @Override
  public <T extends TNumber> List<List<Operand<T>>> allReduceMeans(Ops tf, List<List<Operand<T>>> values) {
    for (List<Operand<T>> perReplica : values) {
      if (perReplica.size() != devices.size()) {
        throw new IllegalArgumentException("multi_worker_mirrored over " + devices.size() + " replicas per task reduces "
            + devices.size() + " values, got " + perReplica.size());
      }
    }
    List<List<Operand<T>>> out = new ArrayList<>();
    List<Integer> packed = new ArrayList<>();
    for (int j = 0; j < values.size(); j++) {
      out.add(null);
      Shape shape = values.get(j).get(0).shape();
      if (shape.isUnknown() || shape.hasUnknownDimension()) {
        List<Operand<T>> reduced = new ArrayList<>();
        int key = Collectives.nextInstanceKey(tf);
        for (int r = 0; r < devices.size(); r++) {
          reduced.add(Collectives.allReduceWithKey(on(tf, r).withSubScope("collective"), values.get(j).get(r), groupSize(),
              replicaGroup, key, true, timeoutSeconds));
        }
        out.set(j, reduced);
      } else {
        packed.add(j);
      }
    }
    if (packed.isEmpty()) {
      return out;
    }
    List<Long> sizes = new ArrayList<>();
    long total = 0;
    for (int j : packed) {
      sizes.add(values.get(j).get(0).shape().size());
      total += sizes.get(sizes.size() - 1);
    }
    List<Long> packs = RingReduction.segments(total, 1, elementsPerPack(values.get(packed.get(0)).get(0)));
    for (int j : packed) {
      out.set(j, new ArrayList<>());
    }
    // every replica's packs in the same order: pack p takes the same instance key on every device of every task
    List<List<Operand<T>>> reducedPacks = new ArrayList<>();
    List<List<Operand<T>>> replicaPacks = new ArrayList<>();
    for (int r = 0; r < devices.size(); r++) {
      Ops at = on(tf, r).withSubScope("collective_pack");
      List<Operand<T>> flat = new ArrayList<>();
      for (int j : packed) {
        flat.add(at.reshape(values.get(j).get(r), at.constant(new long[] {-1})));
      }
      replicaPacks.add(FlatPieces.split(at, FlatPieces.concat(at, flat), packs));
      reducedPacks.add(new ArrayList<>());
    }
    for (int p = 0; p < packs.size(); p++) {
      // one key per pack: the first device draws it, the others reuse it
      int key = Collectives.nextInstanceKey(tf);
      for (int r = 0; r < devices.size(); r++) {
        reducedPacks.get(r).add(Collectives.allReduceWithKey(on(tf, r).withSubScope("collective"),
            replicaPacks.get(r).get(p), groupSize(), replicaGroup, key, true, timeoutSeconds));
      }
    }
    for (int r = 0; r < devices.size(); r++) {
      Ops at = on(tf, r).withSubScope("collective_unpack");
      List<Operand<T>> parts = FlatPieces.split(at, FlatPieces.concat(at, reducedPacks.get(r)), sizes);
      for (int i = 0; i < packed.size(); i++) {
        Shape shape = values.get(packed.get(i)).get(r).shape();
        out.get(packed.get(i)).add(at.reshape(parts.get(i), at.constant(shape.asArray())));
      }
    }
    return out;
  }

  /**
   * The mean over tasks of each value (a step's loss and metric sums, one value per task, on the
   * first replica's device): in one collective of the task group.
   */
  @Override
  public List<Operand<TFloat32>> meanAcrossTasks(Ops tf, List<Operand<TFloat32>> values) {
    if (values.isEmpty()) {
      return values;
    }
    Ops at = on(tf, 0).withSubScope("across_tasks");
    List<Operand<TFloat32>> flat = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    for (Operand<TFloat32> v : values) {
      flat.add(at.reshape(v, at.constant(new long[] {-1})));
      sizes.add(v.shape().size());
    }
    Operand<TFloat32> reduced = Collectives.allReduce(at, FlatPieces.concat(at, flat), tasks, replicaGroup + 1, true, timeoutSeconds);
    List<Operand<TFloat32>> parts = FlatPieces.split(at, reduced, sizes);
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      out.add(at.reshape(parts.get(i), at.constant(values.get(i).shape().asArray())));
    }
    return out;
  }

  @Override
  public Coordination coordination(StrategyScope scope) {
    return TaskCoordination.build(scope, task, tasks, replicaGroup + 1, timeoutSeconds);
  }

  private Ops on(Ops tf, int replica) {
    return tf.withDevice(Placement.spec(devices.get(replica)));
  }

  private long elementsPerPack(Operand<?> value) {
    if (bytesPerPack == 0) {
      return Long.MAX_VALUE;
    }
    int bytes = TensorTypeRegistry.find(value.type()).byteSize();
    return Math.max(1, bytesPerPack / Math.max(1, bytes));
  }
}
