package io.inscope.modules.checkpoint;

import io.inscope.modules.strategy.MirroredVariable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.internal.types.registry.TensorTypeRegistry;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Save and restore ops over the scope's logical variables, in TensorFlow's V2 checkpoint format.
 * A checkpoint holds one copy of each variable under its logical name (replica 0's component);
 * restoring assigns that copy to every component, so all replicas resume identical.
 *
 * @param prefix feed the checkpoint prefix ({@code <dir>/variables}) here
 * @param components each variable's components in replica order, to checksum every replica
 */
public record CheckpointOps(
    Placeholder<TString> prefix,
    Op save,
    Op restore,
    List<SavedVariable> variables,
    List<List<Operand<?>>> components) {

  /** A checkpointed variable as listed in {@code variables.json}: what {@code inspect} reads. */
  public record SavedVariable(String name, List<Long> shape, String dtype) {}


  public static CheckpointOps build(Ops root, List<MirroredVariable<?>> variables) {
    Ops tf = root.withSubScope("checkpoint");
    Placeholder<TString> prefix = tf.withName("prefix").placeholder(TString.class);
    String[] names = variables.stream().map(MirroredVariable::name).toArray(String[]::new);
    Operand<TString> tensorNames = tf.array(names);
    Operand<TString> slices = tf.array(emptyStrings(names.length));
    List<Operand<?>> values = new ArrayList<>();
    List<Class<? extends TType>> types = new ArrayList<>();
    for (MirroredVariable<?> v : variables) {
      values.add(v.component(0));
      types.add(v.type());
    }
    Op save = tf.train.save(prefix, tensorNames, slices, values);
    Restore restored = tf.train.restore(prefix, tensorNames, slices, types);
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      assigns.addAll(assignAll(tf, variables.get(i), restored.tensors().get(i)));
    }
    Op restore = tf.withName("restore_all").withControlDependencies(assigns).noOp();
    List<SavedVariable> saved = new ArrayList<>();
    List<List<Operand<?>>> components = new ArrayList<>();
    for (MirroredVariable<?> v : variables) {
      components.add(List.copyOf(v.components()));
      List<Long> shape = new ArrayList<>();
      for (long d : v.shape().asArray()) {
        shape.add(d);
      }
      saved.add(new SavedVariable(v.name(), shape, TensorTypeRegistry.find(v.type()).dataType().name()));
    }
    return new CheckpointOps(prefix, save, restore, List.copyOf(saved), List.copyOf(components));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Op> assignAll(Ops tf, MirroredVariable<?> v, Operand<?> value) {
    List<Op> out = new ArrayList<>();
    for (Object c : v.components()) {
      out.add(tf.assign((Operand) c, (Operand) value));
    }
    return out;
  }

  private static String[] emptyStrings(int n) {
    String[] s = new String[n];
    java.util.Arrays.fill(s, "");
    return s;
  }
}
