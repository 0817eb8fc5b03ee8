package io.inscope.modules.tpu;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What TPU system initialization returns: the fields of {@code tensorflow.tpu.TopologyProto} that
 * place replicas (TensorFlow Java ships no class for that message, so it is read field by field).
 *
 * @param meshShape the TPU mesh, e.g. {@code [2, 2, 1, 2]} on a v3-8
 * @param tasks TPU hosts
 * @param devicesPerTask TPU cores per host
 */
public record TpuTopology(List<Integer> meshShape, int tasks, int devicesPerTask) {
  private static final int MESH_SHAPE = 1;
  private static final int NUM_TASKS = 2;
  private static final int DEVICES_PER_TASK = 3;

  public TpuTopology {
    meshShape = List.copyOf(meshShape);
  }

  public int cores() {
    return tasks * devicesPerTask;
  }

  /** Reads a serialized {@code TopologyProto}; fields other than the three above are skipped. */
  public static TpuTopology parse(byte[] bytes) {
    List<Integer> mesh = new ArrayList<>();
    int tasks = 0;
    int perTask = 0;
    try {
      CodedInputStream in = CodedInputStream.newInstance(bytes);
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        int field = tag >>> 3;
        if (field == MESH_SHAPE && (tag & 7) == 2) {
          int limit = in.pushLimit(in.readRawVarint32());
          while (in.getBytesUntilLimit() > 0) {
            mesh.add(in.readInt32());
          }
          in.popLimit(limit);
        } else if (field == MESH_SHAPE) {
          mesh.add(in.readInt32());
        } else if (field == NUM_TASKS) {
          tasks = in.readInt32();
        } else if (field == DEVICES_PER_TASK) {
          perTask = in.readInt32();
        } else {
          in.skipField(tag);
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("not a serialized TopologyProto: " + e.getMessage(), e);
    }
    return new TpuTopology(mesh, tasks, perTask);
  }
}
