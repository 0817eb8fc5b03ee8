package io.inscope.runner.internal;

import io.inscope.modules.checkpoint.CheckpointOps.SavedVariable;
import io.inscope.modules.checkpoint.Checksums;
import io.inscope.modules.checkpoint.Checkpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.internal.types.registry.TensorTypeRegistry;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.family.TType;

/** Reads every variable of a checkpoint with TensorFlow's RestoreV2 and checksums its bytes. */
public final class CheckpointReader {
  /**
   * One variable: the checksum is the first 16 hex digits of SHA-256 over its raw bytes; {@code
   * stats} its minimum, maximum and mean (a scalar's value).
   */
  public record Entry(String name, Shape shape, String dtype, String checksum, TensorStats stats) {}

  private CheckpointReader() {}

  public static List<Entry> read(Path checkpointDir) throws IOException {
    List<SavedVariable> vars = Checkpoints.readVariables(checkpointDir);
    List<Entry> out = new ArrayList<>();
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      String[] names = vars.stream().map(SavedVariable::name).toArray(String[]::new);
      String[] slices = new String[names.length];
      java.util.Arrays.fill(slices, "");
      List<Class<? extends TType>> types = new ArrayList<>();
      for (SavedVariable v : vars) {
        types.add(TensorTypeRegistry.find(DataType.valueOf(v.dtype())).type());
      }
      Restore r = tf.train.restore(tf.constant(checkpointDir.resolve("variables").toString()),
          tf.array(names), tf.array(slices), types);
      Session.Runner runner = s.runner();
      r.tensors().forEach(runner::fetch);
      try (Result result = runner.run()) {
        for (int i = 0; i < vars.size(); i++) {
          Tensor t = result.get(i);
          out.add(new Entry(names[i], t.shape(), yamlName(vars.get(i).dtype()), Checksums.of(t), TensorStats.of(t)));
        }
      }
    }
    return out;
  }

  /** The job file's name of a TensorFlow dtype ({@code DT_FLOAT} is {@code float32}). */
  static String yamlName(String dtype) {
    return switch (dtype) {
      case "DT_FLOAT" -> "float32";
      case "DT_DOUBLE" -> "float64";
      default -> dtype.replace("DT_", "").toLowerCase(java.util.Locale.ROOT);
    };
  }
}
