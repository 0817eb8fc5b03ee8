package io.inscope.runner.internal;

import io.inscope.modules.checkpoint.CheckpointOps.SavedVariable;
import io.inscope.modules.checkpoint.Checkpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
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
  /** One variable: the checksum is the first 16 hex digits of SHA-256 over its raw bytes. */
  public record Entry(String name, Shape shape, String dtype, String checksum) {}

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
          out.add(new Entry(names[i], t.shape(), vars.get(i).dtype().replace("DT_", "").toLowerCase(), checksum(t)));
        }
      }
    }
    return out;
  }

  private static String checksum(Tensor t) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] bytes = new byte[(int) t.numBytes()];
      t.asRawTensor().data().read(bytes);
      return HexFormat.of().formatHex(md.digest(bytes)).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
