package io.inscope.modules.tpu;

import io.inscope.modules.strategy.InitialValue;
import io.inscope.modules.strategy.Placement;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.internal.types.registry.TensorTypeRegistry;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.AssignVariableOp;
import org.tensorflow.types.family.TType;

/**
 * A mirrored TPU variable, as TensorFlow's TPUStrategy creates it: one resource variable ({@code
 * VarHandleOp}, its own {@code shared_name}) per TPU core, every component assigned from the one
 * initial value built on the first core's device (soft placement moves ops without a TPU kernel
 * to the host). TPU computations reject ref variables, hence resource variables here.
 *
 * @param name the logical name; component {@code i > 0} is {@code name/replica_i}
 * @param handles one resource handle per core, in replica order
 * @param initializers the assignments of the initial value, one per core
 */
public record TpuVariable<T extends TType>(
    String name, Shape shape, Class<T> type, List<Operand<? extends TType>> handles, List<Op> initializers) {

  public TpuVariable {
    handles = List.copyOf(handles);
    initializers = List.copyOf(initializers);
  }

  /**
   * @param cores one device name per replica ({@code /job:worker/replica:0/task:0/device:TPU:i})
   */
  public static <T extends TType> TpuVariable<T> create(
      Graph graph, String name, Shape shape, Class<T> type, List<String> cores, InitialValue<T> init, long seed) {
    Ops tf = Ops.create(graph);
    Operand<T> value = init.build(tf.withDevice(Placement.spec(cores.get(0))).withSubScope(name).withSubScope("Initializer"), shape, seed);
    List<Operand<? extends TType>> handles = new ArrayList<>();
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < cores.size(); i++) {
      Ops at = tf.withDevice(Placement.spec(cores.get(i)));
      String component = i == 0 ? name : name + "/replica_" + i;
      if (graph.operation(component) != null) {
        throw new IllegalArgumentException("the graph already has an operation named '" + component + "'");
      }
      Operand<? extends TType> handle = graph.opBuilder("VarHandleOp", component, at.scope())
          .setAttr("shared_name", component)
          .setAttr("dtype", TensorTypeRegistry.find(type).dataType())
          .setAttr("shape", shape)
          .build()
          .output(0);
      handles.add(handle);
      assigns.add(new AssignVariableOp(graph.opBuilder("AssignVariableOp", component + "/Assign", at.scope())
          .addInput(handle.asOutput())
          .addInput(value.asOutput())
          .build()));
    }
    return new TpuVariable<>(name, shape, type, handles, assigns);
  }
}
