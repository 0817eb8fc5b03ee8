package io.inscope.runner.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.inscope.configs.InitFromSpec;
import io.inscope.modules.checkpoint.CheckpointOps.SavedVariable;
import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.modules.checkpoint.InitOps;
import io.inscope.runner.ExitCodes;
import io.inscope.runner.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.family.TType;

/**
 * Applies {@code init_from} to a new run: reads each selected layer weight from the source
 * checkpoint (TensorFlow's RestoreV2, in a graph of its own), checks its dtype and shape, and
 * assigns it to every replica through the job's {@link InitOps}, before step 0. A shape or dtype
 * that differs is an error (exit 2) naming every such weight; a weight absent from the source keeps
 * its initializer and is listed, as are the weights {@code include}/{@code exclude} skip. The
 * lists go to {@value #FILE} in the run directory.
 */
public final class WarmStart {
  public static final String FILE = "init_from.json";

  /**
   * What was loaded.
   *
   * @param source the source as written ({@code run runs/a})
   * @param checkpoint the checkpoint prefix read
   * @param loaded this job's weights that were loaded, with their source names
   * @param skipped weights {@code include}/{@code exclude} left out
   * @param missing selected weights the source does not hold (by source name)
   */
  public record Report(String source, String checkpoint, Map<String, String> loaded, List<String> skipped,
      List<String> missing) {
    public String summary() {
      return "init_from " + source + " (" + checkpoint + "): loaded " + loaded.size() + " weight(s)"
          + "; skipped by include/exclude: " + list(skipped) + "; missing in the source, initialized: " + list(missing);
    }

    private static String list(List<String> names) {
      return names.isEmpty() ? "none" : String.join(", ", names);
    }
  }

  private WarmStart() {}

  public static Report apply(InitFromSpec spec, Session session, InitOps ops) throws UserException, IOException {
    Path prefix = prefix(spec);
    Map<String, SavedVariable> listing = listing(spec, prefix);
    List<InitOps.Entry> wanted = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (InitOps.Entry e : ops.entries()) {
      String name = e.variable().name();
      if (!spec.selects(name)) {
        skipped.add(name);
      } else if (listing != null && !listing.containsKey(spec.sourceName(name))) {
        missing.add(name + (spec.sourceName(name).equals(name) ? "" : " (from " + spec.sourceName(name) + ")"));
      } else {
        wanted.add(e);
      }
    }
    List<String> mismatches = new ArrayList<>();
    Map<String, String> loaded = new LinkedHashMap<>();
    List<Result> values = new ArrayList<>();
    try {
      Session.Runner assign = session.runner();
      for (InitOps.Entry e : wanted) {
        String name = e.variable().name();
        String from = spec.sourceName(name);
        String dtype = org.tensorflow.internal.types.registry.TensorTypeRegistry.find(e.variable().type()).dataType().name();
        if (listing != null && !listing.get(from).dtype().equals(dtype)) {
          mismatches.add(name + (from.equals(name) ? "" : " (from " + from + ")") + " is " + listing.get(from).dtype()
              + " in the source but " + dtype + " in this job");
          continue;
        }
        Result r = read(prefix, from, e.variable().type());
        if (r == null) {
          missing.add(name + (from.equals(name) ? "" : " (from " + from + ")"));
          continue;
        }
        values.add(r);
        Tensor t = r.get(0);
        if (!t.shape().equals(e.variable().shape())) {
          mismatches.add(name + (from.equals(name) ? "" : " (from " + from + ")") + " is " + dims(t.shape())
              + " in the source but " + dims(e.variable().shape()) + " in this job");
          continue;
        }
        loaded.put(name, from);
        assign.feed(e.value(), t).addTarget(e.assign());
      }
      if (!mismatches.isEmpty()) {
        throw new UserException(ExitCodes.USAGE, "init_from: shape mismatch in " + spec.source() + ": " + String.join("; ", mismatches),
            "init_from", "shape mismatch in " + spec.source() + ": " + String.join("; ", mismatches)
                + " (exclude them with init_from.exclude or load them from other names with init_from.map)");
      }
      if (loaded.isEmpty()) {
        throw new UserException(ExitCodes.USAGE, "init_from: " + spec.source() + " holds none of this job's weights",
            "init_from", spec.source() + " holds none of the weights selected (" + ops.entries().size()
                + " in this job, " + skipped.size() + " skipped by include/exclude); check the names with runner.jar inspect, or use init_from.map");
      }
      assign.run();
    } finally {
      values.forEach(Result::close);
    }
    return new Report(spec.source(), prefix.toString(), loaded, skipped, missing);
  }

  /** Writes the report as {@value #FILE} into the run directory. */
  public static void write(RunDirectory run, Report report) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("source", report.source());
    json.put("checkpoint", report.checkpoint());
    json.put("loaded", report.loaded());
    json.put("skipped", report.skipped());
    json.put("missing", report.missing());
    run.writeAtomically(FILE, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n");
  }

  /** The checkpoint prefix ({@code .../variables}) of the source. */
  static Path prefix(InitFromSpec spec) throws UserException, IOException {
    if (spec.run() != null) {
      Path dir = Path.of(spec.run());
      if (!Files.isDirectory(dir.resolve("checkpoints"))) {
        throw error("init_from.run", dir + " is not a run directory (it has no checkpoints/)");
      }
      Path latest = new Checkpoints(dir.resolve("checkpoints"), Integer.MAX_VALUE, w -> { }).latest().orElseThrow(
          () -> error("init_from.run", dir + " has no complete checkpoint"));
      return latest.resolve("variables");
    }
    if (spec.checkpoint() != null) {
      Path dir = Path.of(spec.checkpoint());
      if (!Files.isRegularFile(dir.resolve("variables.index"))) {
        throw error("init_from.checkpoint", dir + " is not a checkpoint directory (no variables.index)");
      }
      return dir.resolve("variables");
    }
    Path dir = Path.of(spec.savedModel());
    if (!Files.isRegularFile(dir.resolve("variables").resolve("variables.index"))) {
      throw error("init_from.saved_model", dir + " is not a SavedModel folder (no variables/variables.index)");
    }
    return dir.resolve("variables").resolve("variables");
  }

  /** The source's variables by name from variables.json beside a run's checkpoint, or null (a SavedModel). */
  private static Map<String, SavedVariable> listing(InitFromSpec spec, Path prefix) throws IOException {
    Path dir = prefix.getParent();
    if (spec.savedModel() != null || !Files.isRegularFile(dir.resolve("variables.json"))) {
      return null;
    }
    Map<String, SavedVariable> byName = new LinkedHashMap<>();
    Checkpoints.readVariables(dir).forEach(v -> byName.put(v.name(), v));
    return byName;
  }

  /**
   * One tensor of the checkpoint, as the only tensor of a result the caller closes; null when the
   * checkpoint holds no such name (or not of that dtype).
   */
  private static Result read(Path prefix, String name, Class<? extends TType> type) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Restore r = tf.train.restore(tf.constant(prefix.toString()), tf.array(name), tf.array(""), List.of(type));
      return s.runner().fetch(r.tensors().get(0)).run();
    } catch (TensorFlowException e) {
      return null;
    }
  }

  private static String dims(Shape s) {
    return java.util.Arrays.toString(s.asArray());
  }

  private static UserException error(String path, String detail) {
    return new UserException(ExitCodes.USAGE, path + ": " + detail, path, detail);
  }
}
