package io.inscope.runner.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * TensorFlow's own summary ops ({@code CreateSummaryFileWriter}, {@code WriteScalarSummary},
 * {@code WriteHistogramSummary}, {@code WriteGraphSummary}, {@code ImportEvent}) in a graph and
 * session of their own, fed from Java: the training graph, its checkpoints and its SavedModel stay
 * exactly as they are. One event-file writer per split, in {@code <dir>/<split>/}. The write ops
 * of a tag are built the first time the tag is written. Not thread-safe: the run loop's thread
 * calls it.
 */
final class SummaryGraph implements AutoCloseable {
  /** Events a writer may buffer before it flushes on its own; time, not count, should decide. */
  private static final int MAX_QUEUE = 1000;

  private record Write(Placeholder<? extends TType> value, Op op) {}

  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);
  private final Session session = new Session(graph);
  private final Placeholder<TInt64> step = tf.placeholder(TInt64.class);
  private final Placeholder<TString> bytes = tf.placeholder(TString.class);
  private final Map<String, Operand<? extends TType>> writers = new LinkedHashMap<>();
  private final Map<String, Write> writes = new HashMap<>();
  private final List<Op> flushes = new ArrayList<>();

  SummaryGraph(Path dir, List<String> splits, long flushMillis) {
    List<Op> create = new ArrayList<>();
    for (String split : splits) {
      SummaryWriter writer = tf.summary.summaryWriter(SummaryWriter.sharedName("inscope_" + split));
      writers.put(split, writer);
      flushes.add(tf.summary.flushSummaryWriter(writer));
      create.add(tf.summary.createSummaryFileWriter(writer, tf.constant(dir.resolve(split).toString()),
          tf.constant(MAX_QUEUE), tf.constant((int) Math.min(Integer.MAX_VALUE, flushMillis)), tf.constant(".v2")));
    }
    Session.Runner r = session.runner();
    create.forEach(r::addTarget);
    r.run().close();
  }

  /** One scalar event per entry, all at {@code stepValue}, in one session run. */
  void scalars(String split, long stepValue, Map<String, Double> values) {
    List<Tensor> fed = new ArrayList<>();
    try (TInt64 s = TInt64.scalarOf(stepValue)) {
      Session.Runner r = session.runner().feed(step, s);
      for (Map.Entry<String, Double> e : values.entrySet()) {
        Write w = writes.computeIfAbsent(split + "\0scalar\0" + e.getKey(), k -> {
          Placeholder<TFloat32> v = tf.placeholder(TFloat32.class);
          return new Write(v, tf.summary.writeScalarSummary(writers.get(split), step, tf.constant(e.getKey()), v));
        });
        TFloat32 t = TFloat32.scalarOf(e.getValue().floatValue());
        fed.add(t);
        r.feed(w.value(), t).addTarget(w.op());
      }
      r.run().close();
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  /** A histogram event of each tensor's values, under its tag, in one session run. */
  void histograms(String split, long stepValue, Map<String, ? extends Tensor> values) {
    try (TInt64 s = TInt64.scalarOf(stepValue)) {
      Session.Runner r = session.runner().feed(step, s);
      for (Map.Entry<String, ? extends Tensor> e : values.entrySet()) {
        Tensor t = e.getValue();
        Write w = writes.computeIfAbsent(split + "\0histogram\0" + e.getKey(), k -> {
          Placeholder<? extends TType> v = tf.placeholder(((TType) t).type(), Placeholder.shape(t.shape()));
          return new Write(v, tf.summary.writeHistogramSummary(writers.get(split), step, tf.constant(e.getKey()), v));
        });
        r.feed(w.value(), t).addTarget(w.op());
      }
      r.run().close();
    }
  }

  /** The graph tab's graph: a serialized {@code GraphDef}. */
  void graph(String split, long stepValue, byte[] graphDef) {
    Write w = writes.computeIfAbsent(split + "\0graph", k ->
        new Write(bytes, tf.summary.writeGraphSummary(writers.get(split), step, bytes)));
    feedBytes(w, stepValue, graphDef);
  }

  /** A whole serialized {@code Event} (for what the write ops cannot say, such as a session restart). */
  void event(String split, byte[] event) {
    Write w = writes.computeIfAbsent(split + "\0event", k ->
        new Write(bytes, tf.summary.importEvent(writers.get(split), bytes)));
    feedBytes(w, 0, event);
  }

  /** Writes every buffered event of every split to its file and syncs it. */
  void flush() {
    Session.Runner r = session.runner();
    flushes.forEach(r::addTarget);
    r.run().close();
  }

  private void feedBytes(Write w, long stepValue, byte[] value) {
    try (TInt64 s = TInt64.scalarOf(stepValue);
        TString b = TString.tensorOfBytes(NdArrays.scalarOfObject(value))) {
      session.runner().feed(step, s).feed(bytes, b).addTarget(w.op()).run().close();
    }
  }

  /** Flushes and closes the writers, then the session and the graph. */
  @Override
  public void close() {
    try {
      Session.Runner r = session.runner();
      writers.values().forEach(w -> r.addTarget(tf.summary.closeSummaryWriter(w)));
      r.run().close();
    } finally {
      session.close();
      graph.close();
    }
  }
}
