package io.inscope.modules.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawCustomGradient;
import org.tensorflow.types.family.TType;

/**
 * TensorFlow's collective all-reduce between processes, {@code CollectiveReduceV2} (built by name:
 * TensorFlow Java has no wrapper for it), as graph-mode MultiWorkerMirroredStrategy uses it: every
 * participant (one device of one task) runs the same op with the same group key, group size and
 * instance key, and each gets the result, bit for bit the same (the ring reduces each chunk once
 * and then copies it). Keys must match across tasks, so each graph takes its instance keys from
 * one counter in construction order ({@link #nextInstanceKey}): every task builds the same graph in
 * the same order.
 *
 * <p>The op has no gradient in TensorFlow's C++ registry; {@link #registerGradient} gives it one:
 * the gradient of a sum (or mean) over the group is the same reduction of the incoming gradients,
 * with an instance key of its own, on the same device.
 */
public final class Collectives {
  /** The group of every replica of every task: gradients, batch statistics. */
  public static final int REPLICA_GROUP = 1;
  /** The group of each task's first replica: commands, weights from the chief, step metrics. */
  public static final int TASK_GROUP = 2;
  /** TensorFlow's MultiWorkerMirroredStrategy starts instance keys at 100 as well. */
  static final int FIRST_INSTANCE_KEY = 100;

  private static final Map<ExecutionEnvironment, Keys> KEYS = new WeakHashMap<>();
  private static boolean gradientRegistered;

  private Collectives() {}

  /** A graph's instance keys: the next one, and the key of each reduction's gradient. */
  private static final class Keys {
    int next = FIRST_INSTANCE_KEY;
    final Map<Integer, Integer> gradients = new java.util.HashMap<>();
    final Map<String, Integer> byOp = new java.util.HashMap<>();
  }

  private static synchronized int forwardKey(Ops tf, String opName) {
    Integer key = KEYS.computeIfAbsent(tf.scope().env(), e -> new Keys()).byOp.get(opName);
    if (key == null) {
      throw new IllegalStateException("no instance key recorded for " + opName);
    }
    return key;
  }

  /** The next instance key of the graph {@code tf} builds in. */
  static synchronized int nextInstanceKey(Ops tf) {
    return KEYS.computeIfAbsent(tf.scope().env(), e -> new Keys()).next++;
  }

  /**
   * The instance key of the gradient of the reduction with key {@code forward}: drawn once, by the
   * first device whose gradient is built, so that every device of the reduction shares it.
   */
  private static synchronized int gradientKey(Ops tf, int forward) {
    Keys keys = KEYS.computeIfAbsent(tf.scope().env(), e -> new Keys());
    return keys.gradients.computeIfAbsent(forward, f -> keys.next++);
  }

  /**
   * {@code CollectiveReduceV2} of {@code value} on the device of {@code at}, over the ring.
   *
   * @param mean true: the group's mean ({@code final_op: Div}); false: its sum
   * @param timeoutSeconds how long to wait for the other participants (0: forever)
   */
  @SuppressWarnings("unchecked")
  public static <T extends TType> Operand<T> allReduce(
      Ops at, Operand<T> value, int groupSize, int groupKey, boolean mean, float timeoutSeconds) {
    registerGradient();
    return allReduce(at, value, at.constant(groupSize), at.constant(groupKey), nextInstanceKey(at),
        mean ? "Div" : "Id", timeoutSeconds);
  }

  /** As {@link #allReduce(Ops, Operand, int, int, boolean, float)} with a key drawn before (one per pack, shared by the devices of a task). */
  static <T extends TType> Operand<T> allReduceWithKey(
      Ops at, Operand<T> value, int groupSize, int groupKey, int instanceKey, boolean mean, float timeoutSeconds) {
    registerGradient();
    return allReduce(at, value, at.constant(groupSize), at.constant(groupKey), instanceKey, mean ? "Div" : "Id", timeoutSeconds);
  }

  @SuppressWarnings("unchecked")
  private static <T extends TType> Operand<T> allReduce(Ops at, Operand<T> value, Operand<?> groupSize,
      Operand<?> groupKey, int instanceKey, String finalOp, float timeoutSeconds) {
    GraphOperation op = ((org.tensorflow.Graph) at.scope().env())
        .opBuilder("CollectiveReduceV2", at.scope().makeOpName("CollectiveReduceV2"), at.scope())
        .addInput(value.asOutput())
        .addInput(groupSize.asOutput())
        .addInput(groupKey.asOutput())
        .addInput(at.constant(instanceKey).asOutput())
        .addInputList(new Output<?>[0])
        .setAttr("merge_op", "Add")
        .setAttr("final_op", finalOp)
        .setAttr("communication_hint", "ring")
        .setAttr("timeout_seconds", timeoutSeconds)
        .build();
    synchronized (Collectives.class) {
      KEYS.computeIfAbsent(at.scope().env(), e -> new Keys()).byOp.put(op.name(), instanceKey);
    }
    return (Operand<T>) op.output(0);
  }

  /** Registers the gradient of {@code CollectiveReduceV2} once per process. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static synchronized void registerGradient() {
    if (gradientRegistered) {
      return;
    }
    RawCustomGradient gradient = (tf, op, grads) -> {
      Ops at = op.device().isEmpty() ? tf : tf.withDevice(Placement.spec(op.device()));
      String finalOp = op.attributes().getAttrString("final_op");
      float timeout = op.attributes().getAttrFloat("timeout_seconds");
      Operand dy = (Operand) grads.get(0);
      List<Operand<?>> out = new ArrayList<>();
      int forward = forwardKey(tf, op.name());
      out.add(allReduce(at, dy, op.input(1), op.input(2), gradientKey(tf, forward), finalOp, timeout));
      // the adapter takes no null; the key inputs are constants, and nothing reads their zeros
      for (int i = 1; i < 4; i++) {
        out.add(tf.zerosLike((Operand) op.input(i)));
      }
      return out;
    };
    if (!TensorFlow.registerCustomGradient("CollectiveReduceV2", gradient)) {
      throw new IllegalStateException("TensorFlow refused a gradient for CollectiveReduceV2");
    }
    gradientRegistered = true;
  }
}
