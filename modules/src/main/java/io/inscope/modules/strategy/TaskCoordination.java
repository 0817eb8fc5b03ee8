package io.inscope.modules.strategy;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * {@link Coordination} of the tasks of a {@link CollectiveStrategy}, built into each task's graph
 * in the same order (so the collectives' keys match): a command is a sum over the task group in
 * which only the chief contributes ([kind, step, total]; the others add zeros); the chief's weights
 * reach every task the same way, one sum per variable on each task's first replica, and are then
 * assigned to every local component. Adding zeros keeps every value as the chief has it, and the
 * chief assigns the same sum, so every component of every task is bit-identical afterwards.
 */
final class TaskCoordination implements Coordination {
  static final String COMMAND = "coordination/command";
  static final String RECEIVED = "coordination/received";
  static final String WEIGHTS = "coordination/take_weights";

  private final boolean chief;

  private TaskCoordination(boolean chief) {
    this.chief = chief;
  }

  static TaskCoordination build(StrategyScope scope, int task, int tasks, int taskGroup, float timeoutSeconds) {
    boolean chief = task == 0;
    Ops first = scope.tf().withDevice(Placement.spec(scope.strategy().replicaDevices().get(0)));
    Ops at = first.withSubScope("coordination");
    Operand<TInt64> command = at.withName("command").placeholder(TInt64.class, Placeholder.shape(Shape.of(3)));
    Operand<TInt64> received = Collectives.allReduce(at, command, tasks, taskGroup, false, timeoutSeconds);
    at.withName("received").identity(received);
    List<Op> assigned = new ArrayList<>();
    for (MirroredVariable<?> v : scope.variables()) {
      assigned.addAll(share(scope, at.withSubScope("weights"), v, chief, tasks, taskGroup, timeoutSeconds));
    }
    at.withName("take_weights").withControlDependencies(assigned).noOp();
    return new TaskCoordination(chief);
  }

  private static <T extends TType> List<Op> share(StrategyScope scope, Ops at, MirroredVariable<T> v, boolean chief,
      int tasks, int taskGroup, float timeoutSeconds) {
    Operand<T> value = v.read(at, 0);
    Operand<T> mine = chief ? value : at.zerosLike(value);
    Operand<T> shared = Collectives.allReduce(at, mine, tasks, taskGroup, false, timeoutSeconds);
    List<Op> out = new ArrayList<>();
    for (int r = 0; r < scope.replicas(); r++) {
      Ops onReplica = scope.tf().withDevice(Placement.spec(scope.strategy().replicaDevices().get(r))).withSubScope("coordination");
      out.add(v.assign(onReplica, r, r == 0 ? shared : onReplica.identity(shared)));
    }
    return out;
  }

  @Override
  public boolean leads() {
    return chief;
  }

  @Override
  public void send(Session session, Command command) {
    if (!chief) {
      throw new IllegalStateException("only the chief sends commands");
    }
    exchange(session, new long[] {command.kind().ordinal() + 1, command.step(), command.total()});
  }

  @Override
  public Command receive(Session session) {
    long[] got = exchange(session, new long[3]);
    int kind = (int) got[0] - 1;
    if (kind < 0 || kind >= Kind.values().length) {
      throw new IllegalStateException("the chief sent an unknown command " + got[0]);
    }
    return new Command(Kind.values()[kind], got[1], got[2]);
  }

  @Override
  public void takeWeights(Session session) {
    session.runner().addTarget(WEIGHTS).run();
  }

  private static long[] exchange(Session session, long[] mine) {
    try (TInt64 in = TInt64.vectorOf(mine);
        Result r = session.runner().feed(COMMAND, in).fetch(RECEIVED).run()) {
      TInt64 out = (TInt64) r.get(0);
      return new long[] {out.getLong(0), out.getLong(1), out.getLong(2)};
    }
  }
}
