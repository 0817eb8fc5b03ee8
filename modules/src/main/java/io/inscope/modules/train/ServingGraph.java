package io.inscope.modules.train;

import io.inscope.configs.JobSpec;
import io.inscope.modules.checkpoint.CheckpointOps;
import io.inscope.modules.data.PreprocessingOps;
import io.inscope.modules.layers.CallContext;
import io.inscope.modules.layers.Model;
import io.inscope.modules.layers.ModelFactory;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.ReplicaContext;
import io.inscope.modules.strategy.Strategy;
import io.inscope.modules.strategy.StrategyScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.HashTable;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TNumber;
import org.tensorflow.types.family.TType;

/**
 * The model alone, for a SavedModel: raw inputs to the served outputs in inference mode, with one
 * copy of each model variable and no device, whatever strategy trained it. It holds no training
 * ops, optimizer slots, replica components or TPU computations, so it serves on any machine. The
 * trained values come in through {@code load} (one placeholder per variable, fed with replica 0's
 * value) or through {@code checkpoint}'s restore (the names are the training graph's).
 *
 * <p>The graph applies the training data's preprocessing ({@code data.train.scale} and the
 * {@code preprocessing} steps that are not random, {@link PreprocessingOps}) to its inputs, so it
 * takes examples as they are in the files. Its outputs follow {@link ServingHead};
 * class names come from a lookup table filled from the asset {@code classes.txt} (one name per
 * line, line number = class id) by {@code init}, which a SavedModel loader runs with the assets'
 * paths fed into the {@code assets} tensors.
 *
 * @param inputs by signature name: one model input as {@code inputs} ({@code [any, input...]}), or
 *     several by their names in {@code model.inputs} ({@code [any, shape...]} each, op {@code
 *     inputs/<name>})
 * @param head what the outputs are
 * @param outputs by signature name ({@link ServingHead#outputNames()})
 * @param variables the model's variables (same names as in the training graph)
 * @param values one placeholder per variable, in {@code variables} order
 * @param load assigns every fed value
 * @param checkpoint the {@code save/...} ops the SavedModel export saves through
 * @param assets each asset's file name in {@code assets/} and the string tensor holding its path
 * @param init initializes the class-name table (named {@code init_all_tables})
 */
public record ServingGraph(
    Map<String, Placeholder<TFloat32>> inputs,
    ServingHead head,
    Map<String, Operand<?>> outputs,
    List<MirroredVariable<?>> variables,
    List<Placeholder<?>> values,
    Op load,
    CheckpointOps checkpoint,
    Map<String, Operand<TString>> assets,
    Op init) {

  /** The signature's input of a model with one input. */
  public static final String SINGLE_INPUT = "inputs";

  /** The class names' asset: one name per line, line number = class id. */
  public static final String CLASSES_ASSET = "classes.txt";
  /** The resolved job's asset. */
  public static final String JOB_ASSET = "job.resolved.yaml";

  /** One replica, no device: the graph runs where its loader puts it. */
  private static final Strategy UNPLACED = new Strategy() {
    @Override
    public String name() {
      return "serving";
    }

    @Override
    public List<String> replicaDevices() {
      return List.of("");
    }

    @Override
    public String hostDevice() {
      return "";
    }

    @Override
    public <T extends TNumber> List<Operand<T>> allReduceMean(Ops tf, List<Operand<T>> perReplica) {
      return perReplica;
    }
  };

  /**
   * @param assets the directory that holds (or will hold) the assets; its absolute paths are the
   *     asset tensors' values, which a SavedModel loader replaces with the paths it loads from
   */
  public static ServingGraph build(Graph graph, ModelFactory models, JobSpec job, Path assets) {
    try (StrategyScope scope = StrategyScope.open(UNPLACED, graph, job.seed())) {
      Model model = models.create(job.model());
      model.build();
      Ops tf = scope.tf();
      Map<String, Placeholder<TFloat32>> inputs = new LinkedHashMap<>();
      Map<String, Operand<TFloat32>> scaled = new LinkedHashMap<>();
      double scale = job.data().train().scale();
      boolean single = model.inputShapes().size() == 1;
      for (Map.Entry<String, org.tensorflow.ndarray.Shape> in : model.inputShapes().entrySet()) {
        Ops named = single ? tf.withName(SINGLE_INPUT) : tf.withSubScope(SINGLE_INPUT).withName(in.getKey());
        Placeholder<TFloat32> p = named.placeholder(TFloat32.class, Placeholder.shape(StepBuilder.batchShape(-1, in.getValue())));
        inputs.put(single ? SINGLE_INPUT : in.getKey(), p);
        if (single) {
          scaled.put(in.getKey(), PreprocessingOps.apply(tf, p, job.data().train(), job.model().featureRow()));
        } else {
          Ops scaleTf = tf.withSubScope("scale").withName(in.getKey());
          scaled.put(in.getKey(), scale == 1.0 ? p : scaleTf.math.mul(p, tf.constant((float) scale)));
        }
      }
      ReplicaContext replica = new ReplicaContext(scope, 0);
      Operand<TFloat32> out = model.call(new CallContext(replica, false, tf.constant(0L), new ArrayList<>()), scaled);
      Map<String, Operand<TString>> assetTensors = new LinkedHashMap<>();
      for (String name : List.of(CLASSES_ASSET, JOB_ASSET)) {
        String op = "asset_path_" + name.substring(0, name.indexOf('.'));
        assetTensors.put(name, tf.withName(op).constant(assets.resolve(name).toAbsolutePath().toString()));
      }
      HashTable table = tf.withName("class_names").hashTable(TInt64.class, TString.class);
      Op fill = tf.withName("class_names_init").initializeTableFromTextFile(
          table, assetTensors.get(CLASSES_ASSET), TEXT_LINE_NUMBER, TEXT_WHOLE_LINE);
      Op init = tf.withName("init_all_tables").withControlDependencies(List.of(fill)).noOp();
      ServingHead head = ServingHead.of(job.loss());
      Map<String, Operand<?>> outputs = head.outputs(tf, out, job.loss(), table);
      List<Placeholder<?>> values = new ArrayList<>();
      List<Op> assigns = new ArrayList<>();
      for (MirroredVariable<?> v : scope.variables()) {
        Placeholder<?> p = placeholder(tf, v);
        values.add(p);
        assigns.add(tf.assignVariableOp(v.components().get(0), p));
      }
      Op load = tf.withName("load_trained").withControlDependencies(assigns).noOp();
      scope.verifyEveryVariableOwned();
      return new ServingGraph(Collections.unmodifiableMap(inputs), head, Collections.unmodifiableMap(outputs), scope.variables(), values, load,
          CheckpointOps.build(tf, scope.variables()), Collections.unmodifiableMap(assetTensors), init);
    }
  }

  /** InitializeTableFromTextFile's key and value indices: the line number, the whole line. */
  private static final long TEXT_LINE_NUMBER = -1;
  private static final long TEXT_WHOLE_LINE = -2;

  private static <T extends TType> Placeholder<T> placeholder(Ops tf, MirroredVariable<T> v) {
    return tf.placeholder(v.type(), Placeholder.shape(v.shape()));
  }
}
