package io.inscope.modules.train;

import io.inscope.configs.JobSpec;
import io.inscope.configs.data.FeatureEncoding;
import io.inscope.configs.data.FeatureSpec;
import io.inscope.configs.data.ImageFolderSpec;
import io.inscope.configs.data.SourceSpec;
import io.inscope.configs.data.TextSpec;
import io.inscope.configs.data.TfrecordSpec;
import io.inscope.modules.checkpoint.CheckpointOps;
import io.inscope.modules.data.PreprocessingCompiler;
import io.inscope.modules.data.PreprocessingOps;
import io.inscope.modules.data.Vocabulary;
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
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
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
 * takes examples as they are in the files. A one-input model's raw inputs depend on the training
 * split's source:
 *
 * <table>
 *   <caption>inputs of a one-input model by the training split's source</caption>
 *   <tr><th>source</th><th>{@code inputs} ({@code serving_default})</th><th>{@code image_bytes} ({@value #BYTES_SIGNATURE})</th></tr>
 *   <tr><td>text</td><td>{@code [n]} strings, vectorized in the graph ({@link ServingText}: lower
 *       case, punctuation stripped, whitespace split, the {@value #VOCABULARY_ASSET} asset's ids)</td><td>none</td></tr>
 *   <tr><td>image_folder; tfrecord whose one feature is an image</td><td>{@code [n, height, width,
 *       channels]} float pixels in [0, 255]</td><td>{@code [n]} encoded files, decoded and resized in the
 *       graph ({@link ServingImages})</td></tr>
 *   <tr><td>anything else</td><td>{@code [n, input...]} floats as the files hold them</td><td>none</td></tr>
 * </table>
 *
 * Its outputs follow {@link ServingHead}; class names come from a lookup table filled from the asset {@code classes.txt} (one name per
 * line, line number = class id) by {@code init}, which a SavedModel loader runs with the assets'
 * paths fed into the {@code assets} tensors.
 *
 * @param inputs by signature name: one model input as {@code inputs} ({@code [any, input...]}), or
 *     several by their names in {@code model.inputs} ({@code [any, shape...]} each, op {@code
 *     inputs/<name>})
 * @param head what the outputs are
 * @param outputs by signature name ({@link ServingHead#outputNames()})
 * @param bytes the {@value #BYTES_SIGNATURE} signature of image models
 * @param variables the model's variables (same names as in the training graph)
 * @param values one placeholder per variable, in {@code variables} order
 * @param load assigns every fed value
 * @param checkpoint the {@code save/...} ops the SavedModel export saves through
 * @param assets each asset's file name in {@code assets/} and the string tensor holding its path
 * @param init initializes the lookup tables (named {@code init_all_tables})
 */
public record ServingGraph(
    Map<String, Placeholder<?>> inputs,
    ServingHead head,
    Map<String, Operand<?>> outputs,
    Optional<BytesSignature> bytes,
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
  /** A text model's vocabulary: its learned tokens, id 2 on, one a line ({@link #vocabularyAsset}). */
  public static final String VOCABULARY_ASSET = "vocabulary.txt";
  /** The signature of image models that takes encoded image files. */
  public static final String BYTES_SIGNATURE = "serving_bytes";
  /** Its input: {@code [n]} strings, each an encoded image (the {@code _bytes} suffix marks binary for JSON clients). */
  public static final String BYTES_INPUT = "image_bytes";

  /**
   * A second signature on the same model and head.
   *
   * @param input its input placeholder
   * @param outputs by name, as {@link #outputs()}
   */
  public record BytesSignature(Placeholder<TString> input, Map<String, Operand<?>> outputs) {}

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
   * @param preprocessing the job's preprocessing kinds (plugins included): their graph ops
   * @param assets the directory that holds (or will hold) the assets; its absolute paths are the
   *     asset tensors' values, which a SavedModel loader replaces with the paths it loads from
   */
  public static ServingGraph build(Graph graph, ModelFactory models, PreprocessingCompiler preprocessing, JobSpec job,
      Path assets) {
    try (StrategyScope scope = StrategyScope.open(UNPLACED, graph, job.seed())) {
      Model model = models.create(job.model());
      model.build();
      Ops tf = scope.tf();
      SourceSpec source = job.data().train().source();
      boolean single = model.inputShapes().size() == 1;
      Map<String, Operand<TString>> assetTensors = new LinkedHashMap<>();
      List<String> names = new ArrayList<>(List.of(CLASSES_ASSET, JOB_ASSET));
      if (single && source instanceof TextSpec) {
        names.add(VOCABULARY_ASSET);
      }
      for (String name : names) {
        String op = "asset_path_" + name.substring(0, name.indexOf('.'));
        assetTensors.put(name, tf.withName(op).constant(assets.resolve(name).toAbsolutePath().toString()));
      }
      List<Op> initializers = new ArrayList<>();
      HashTable table = tf.withName("class_names").hashTable(TInt64.class, TString.class);
      initializers.add(tf.withName("class_names_init").initializeTableFromTextFile(
          table, assetTensors.get(CLASSES_ASSET), TEXT_LINE_NUMBER, TEXT_WHOLE_LINE));
      Map<String, Placeholder<?>> inputs = new LinkedHashMap<>();
      Map<String, Operand<TFloat32>> scaled = new LinkedHashMap<>();
      double scale = job.data().train().scale();
      for (Map.Entry<String, Shape> in : model.inputShapes().entrySet()) {
        Shape batch = StepBuilder.batchShape(-1, in.getValue());
        if (single && source instanceof TextSpec text) {
          Placeholder<TString> texts = tf.withName(SINGLE_INPUT).placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
          inputs.put(SINGLE_INPUT, texts);
          Operand<TFloat32> ids = tf.reshape(ServingText.vectorize(tf, texts, assetTensors.get(VOCABULARY_ASSET),
              text.sequenceLength(), initializers), tf.constant(batch.asArray()));
          scaled.put(in.getKey(), PreprocessingOps.apply(tf, ids, job.data().train(), job.model().featureRow(), preprocessing));
          continue;
        }
        Ops named = single ? tf.withName(SINGLE_INPUT) : tf.withSubScope(SINGLE_INPUT).withName(in.getKey());
        Placeholder<TFloat32> p = named.placeholder(TFloat32.class, Placeholder.shape(batch));
        inputs.put(single ? SINGLE_INPUT : in.getKey(), p);
        if (single) {
          scaled.put(in.getKey(), PreprocessingOps.apply(tf, p, job.data().train(), job.model().featureRow(), preprocessing));
        } else {
          Ops scaleTf = tf.withSubScope("scale").withName(in.getKey());
          scaled.put(in.getKey(), scale == 1.0 ? p : scaleTf.math.mul(p, tf.constant((float) scale)));
        }
      }
      ServingHead head = ServingHead.of(job.loss());
      Map<String, Operand<?>> outputs = head.outputs(tf, call(scope, model, scaled), job.loss(), table);
      Optional<BytesSignature> bytes = (single ? imageShape(source) : Optional.<List<Integer>>empty()).map(hwc -> {
        Ops b = tf.withSubScope(BYTES_SIGNATURE);
        Map.Entry<String, Shape> in = model.inputShapes().entrySet().iterator().next();
        Placeholder<TString> files = b.withName(BYTES_INPUT).placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
        Operand<TFloat32> pixels = b.reshape(ServingImages.decode(b, files, hwc.get(0), hwc.get(1), hwc.get(2)),
            b.constant(StepBuilder.batchShape(-1, in.getValue()).asArray()));
        Operand<TFloat32> x = PreprocessingOps.apply(b, pixels, job.data().train(), job.model().featureRow(), preprocessing);
        Operand<TFloat32> out = call(scope, model, Map.of(in.getKey(), x));
        return new BytesSignature(files, Collections.unmodifiableMap(head.outputs(b, out, job.loss(), table)));
      });
      Op init = tf.withName("init_all_tables").withControlDependencies(initializers).noOp();
      List<Placeholder<?>> values = new ArrayList<>();
      List<Op> assigns = new ArrayList<>();
      for (MirroredVariable<?> v : scope.variables()) {
        Placeholder<?> p = placeholder(tf, v);
        values.add(p);
        assigns.add(tf.assignVariableOp(v.components().get(0), p));
      }
      Op load = tf.withName("load_trained").withControlDependencies(assigns).noOp();
      scope.verifyEveryVariableOwned();
      return new ServingGraph(Collections.unmodifiableMap(inputs), head, Collections.unmodifiableMap(outputs), bytes,
          scope.variables(), values, load, CheckpointOps.build(tf, scope.variables()), Collections.unmodifiableMap(assetTensors), init);
    }
  }

  /** The {@value #VOCABULARY_ASSET} asset of a vocabulary: UTF-8, the tokens of ids 2, 3, ... one a line. */
  public static byte[] vocabularyAsset(Vocabulary vocabulary) {
    return ServingText.assetText(vocabulary).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Operand<TFloat32> call(StrategyScope scope, Model model, Map<String, Operand<TFloat32>> inputs) {
    ReplicaContext replica = new ReplicaContext(scope, 0);
    return model.call(new CallContext(replica, false, scope.tf().constant(0L), new ArrayList<>()), inputs);
  }

  /**
   * {@code [height, width, channels]} of the encoded images a source reads: an image folder's, or
   * a tfrecord source's when its one non-label feature is an image.
   */
  static Optional<List<Integer>> imageShape(SourceSpec source) {
    if (source instanceof ImageFolderSpec images) {
      return Optional.of(List.of(images.size().get(0), images.size().get(1), images.colorMode().channels()));
    }
    if (source instanceof io.inscope.configs.data.ImageCsvSpec list) {
      return Optional.of(List.of(list.size().get(0), list.size().get(1), list.colorMode().channels()));
    }
    if (source instanceof TfrecordSpec records) {
      List<FeatureSpec> features = records.features().entrySet().stream()
          .filter(e -> !e.getKey().equals(records.label())).map(Map.Entry::getValue).toList();
      if (features.size() == 1 && features.get(0).encoding() == FeatureEncoding.IMAGE) {
        return Optional.of(features.get(0).shape());
      }
    }
    return Optional.empty();
  }

  /** InitializeTableFromTextFile's key and value indices: the line number, the whole line. */
  private static final long TEXT_LINE_NUMBER = -1;
  private static final long TEXT_WHOLE_LINE = -2;

  private static <T extends TType> Placeholder<T> placeholder(Ops tf, MirroredVariable<T> v) {
    return tf.placeholder(v.type(), Placeholder.shape(v.shape()));
  }
}
