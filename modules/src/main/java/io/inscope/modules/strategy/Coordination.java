package io.inscope.modules.strategy;

import org.tensorflow.Session;

/**
 * How the tasks of a between-graph job keep in step: the chief decides what runs next (train a
 * step, take the chief's weights, end) and every other task follows. Each decision is a small
 * collective of every task, so a task runs a training step only when all do, and starts from the
 * chief's weights (initialized or restored from the chief's checkpoint, which other tasks need not
 * see). With one process ({@link #ALONE}) there is nobody to tell: every call does nothing.
 */
public interface Coordination {
  /** What the chief tells the others. */
  enum Kind {
    /** Take the chief's value of every variable (after initialization, a restore, an evaluation). */
    WEIGHTS,
    /** Train global step {@code step} of {@code total}, each task on its own batch. */
    TRAIN,
    /** Training is over: stop following. */
    END
  }

  /** One decision of the chief. */
  record Command(Kind kind, long step, long total) {}

  /** A job that is not between graphs: the chief is alone. */
  Coordination ALONE = new Coordination() {
    @Override
    public boolean leads() {
      return true;
    }

    @Override
    public void send(Session session, Command command) {}

    @Override
    public Command receive(Session session) {
      throw new IllegalStateException("a job alone follows nobody");
    }

    @Override
    public void takeWeights(Session session) {}
  };

  /** True for the chief (and for a job alone). */
  boolean leads();

  /** The chief: tells every other task {@code command}, waiting until each has received it. */
  void send(Session session, Command command);

  /** Every other task: waits for the chief's next command. */
  Command receive(Session session);

  /** Every task at once, after {@link Kind#WEIGHTS}: every variable takes the chief's value. */
  void takeWeights(Session session);

  /** The chief: every task, itself included, takes its weights. */
  default void shareWeights(Session session) {
    send(session, new Command(Kind.WEIGHTS, 0, 0));
    takeWeights(session);
  }
}
