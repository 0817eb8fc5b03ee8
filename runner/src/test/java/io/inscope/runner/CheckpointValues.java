package io.inscope.runner;

import io.inscope.modules.checkpoint.CheckpointOps.SavedVariable;
import io.inscope.modules.checkpoint.Checkpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/** The float32 values of a checkpoint's variables, read back with TensorFlow's RestoreV2. */
final class CheckpointValues {
  private CheckpointValues() {}

  static Map<String, float[]> read(Path checkpoint) throws IOException {
    List<SavedVariable> floats = Checkpoints.readVariables(checkpoint).stream()
        .filter(v -> v.dtype().equals("DT_FLOAT")).toList();
    Map<String, float[]> out = new LinkedHashMap<>();
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      String[] names = floats.stream().map(SavedVariable::name).toArray(String[]::new);
      String[] slices = new String[names.length];
      java.util.Arrays.fill(slices, "");
      var restore = tf.train.restore(tf.constant(checkpoint.resolve("variables").toString()),
          tf.array(names), tf.array(slices), floats.stream().<Class<? extends TType>>map(v -> TFloat32.class).toList());
      Session.Runner runner = s.runner();
      restore.tensors().forEach(runner::fetch);
      try (Result r = runner.run()) {
        for (int i = 0; i < names.length; i++) {
          TFloat32 t = (TFloat32) r.get(i);
          float[] values = new float[(int) t.size()];
          t.copyTo(DataBuffers.of(values, false, false));
          out.put(names[i], values);
        }
      }
    }
    return out;
  }

  /** max |a - b| over max |a|, over every element. */
  static double relativeError(float[] a, float[] b) {
    double maxDiff = 0;
    double maxAbs = 1e-12;
    for (int i = 0; i < a.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
      maxAbs = Math.max(maxAbs, Math.abs(a[i]));
    }
    return maxDiff / maxAbs;
  }
}
