package io.inscope.runner.internal;

import com.google.inject.Injector;
import io.inscope.configs.InputSpec;
import io.inscope.configs.JobSpec;
import io.inscope.configs.data.CsvSpec;
import io.inscope.configs.data.TextSpec;
import io.inscope.modules.data.ClassNames;
import io.inscope.modules.data.DataException;
import io.inscope.modules.data.DataLoader;
import io.inscope.modules.data.PreprocessingCompiler;
import io.inscope.modules.data.Vocabulary;
import io.inscope.modules.layers.ModelFactory;
import io.inscope.modules.train.ServingGraph;
import io.inscope.modules.train.ServingHead;
import io.inscope.runner.ExitCodes;
import io.inscope.runner.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.types.TString;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * A model to predict with: a SavedModel directory as it is, or a run directory's newest checkpoint
 * exported to a temporary SavedModel (deleted on close), so both go through the same serving graph,
 * preprocessing and class-name lookup as a deployed export.
 */
public final class ServedModel implements AutoCloseable {
  private final SavedModelBundle bundle;
  private final SessionFunction function;
  /** The job that trained the model (from the export's asset or the run directory). */
  public final JobSpec job;
  /** The class names in class-id order (empty for regression). */
  public final List<String> classNames;
  public final ServingHead head;
  private final Path temporary;

  private ServedModel(SavedModelBundle bundle, JobSpec job, List<String> classNames, Path temporary) {
    this.bundle = bundle;
    this.function = bundle.function(SavedModelWriter.SIGNATURE);
    this.job = job;
    this.head = ServingHead.of(job.loss());
    this.classNames = head.classifies() ? classNames : List.of();
    this.temporary = temporary;
  }

  /**
   * @param dir a SavedModel directory, or a run directory: its newest checkpoint is exported with
   *     an injector of the run's job (its {@code plugins:} included)
   */
  public static ServedModel open(Path dir, Consumer<String> warn) throws UserException, IOException {
    if (Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      Path assets = dir.resolve("assets");
      if (!Files.isRegularFile(assets.resolve(ServingGraph.JOB_ASSET))) {
        throw new UserException(ExitCodes.USAGE, dir + ": a SavedModel without assets/" + ServingGraph.JOB_ASSET
            + "; predict reads SavedModels that runner.jar exported");
      }
      JobSpec job = TrainedRun.load(assets.resolve(ServingGraph.JOB_ASSET));
      return new ServedModel(SavedModelBundle.load(dir.toString(), SavedModelWriter.TAG), job,
          Files.readAllLines(assets.resolve(ServingGraph.CLASSES_ASSET), StandardCharsets.UTF_8), null);
    }
    TrainedRun run = TrainedRun.open(dir, warn);
    Injector injector = Injectors.forJob(run.job().plugins());
    Optional<ClassNames> classes = classes(run.job(), dir, injector);
    Optional<Vocabulary> vocabulary = vocabulary(run.job(), dir);
    Path tmp = Files.createTempDirectory("inscope-predict-");
    try {
      Path version = Exporter.fromCheckpoint(run.job(), injector.getInstance(ModelFactory.class),
          injector.getInstance(PreprocessingCompiler.class),
          run.checkpoint().resolve("variables"), classes, vocabulary, run.resolvedText(),
          tmp, run.state().step(), 1);
      List<String> names = Files.readAllLines(version.resolve("assets").resolve(ServingGraph.CLASSES_ASSET), StandardCharsets.UTF_8);
      return new ServedModel(SavedModelBundle.load(version.toString(), SavedModelWriter.TAG), run.job(), names, tmp);
    } catch (IOException | RuntimeException e) {
      deleteTree(tmp);
      throw e;
    }
  }

  /**
   * The run's class names: its {@code classes.txt}, or for a run written before runs kept one, the
   * training CSV's string labels in sorted order (the rule that numbered them).
   */
  private static Optional<ClassNames> classes(JobSpec job, Path runDir, Injector injector) throws UserException {
    try {
      Optional<ClassNames> saved = ClassNames.readIfPresent(runDir);
      if (saved.isPresent() || !(job.data().train().source() instanceof CsvSpec)) {
        return saved;
      }
      List<String> names = injector.getInstance(DataLoader.class)
          .load("data.train", job.data().train(), job.model().namedInputs(), job.seed()).classNames();
      return names.isEmpty() ? Optional.empty() : Optional.of(ClassNames.of(names));
    } catch (DataException e) {
      throw new UserException(ExitCodes.USAGE, e.getMessage());
    }
  }

  /** A text run's vocabulary; an error when the run directory lacks it. */
  private static Optional<Vocabulary> vocabulary(JobSpec job, Path runDir) throws UserException {
    if (!(job.data().train().source() instanceof TextSpec)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Vocabulary.readIfPresent(runDir).orElseThrow(() -> new UserException(ExitCodes.USAGE,
          runDir + ": a text run without its " + Vocabulary.FILE + "; restore the file, or predict with the run's export")));
    } catch (DataException e) {
      throw new UserException(ExitCodes.USAGE, e.getMessage());
    }
  }

  /** Whether {@code serving_default} takes strings (a text model) rather than numbers. */
  public boolean takesText() {
    org.tensorflow.proto.TensorInfo in = bundle.metaGraphDef().getSignatureDefOrThrow(SavedModelWriter.SIGNATURE)
        .getInputsMap().get(ServingGraph.SINGLE_INPUT);
    return in != null && in.getDtype() == org.tensorflow.proto.DataType.DT_STRING;
  }

  /** Whether the model has the {@value ServingGraph#BYTES_SIGNATURE} signature (an image model exported with it). */
  public boolean takesFiles() {
    return bundle.metaGraphDef().containsSignatureDef(ServingGraph.BYTES_SIGNATURE);
  }

  /** {@code serving_default}'s outputs for a batch of raw examples of a one-input model (floats, or strings for a text model). */
  public Result predict(Tensor inputs) {
    return function.call(Map.of(ServingGraph.SINGLE_INPUT, inputs));
  }

  /**
   * The signature's outputs for the first {@code n} rows of {@code rows}, each the model's feature
   * row ({@link io.inscope.configs.ModelSpec#featureRow()}): for several inputs, each input's values
   * are cut from the rows and fed as the signature input of its name.
   */
  public Result predict(float[] rows, int n) {
    Map<String, InputSpec> inputs = job.model().namedInputs();
    int width = (int) job.model().featureRow().elements();
    Map<String, Tensor> feeds = new LinkedHashMap<>();
    try {
      if (inputs.size() == 1) {
        feeds.put(ServingGraph.SINGLE_INPUT, tensor(rows, 0, width, n, job.model().featureRow()));
      } else {
        int offset = 0;
        for (Map.Entry<String, InputSpec> in : inputs.entrySet()) {
          feeds.put(in.getKey(), tensor(rows, offset, width, n, in.getValue()));
          offset += (int) in.getValue().elements();
        }
      }
      return function.call(feeds);
    } finally {
      feeds.values().forEach(Tensor::close);
    }
  }

  /** Columns {@code offset ..} of {@code n} rows of {@code width} values, as a batch of {@code input}. */
  private static TFloat32 tensor(float[] rows, int offset, int width, int n, InputSpec input) {
    int e = (int) input.elements();
    long[] dims = new long[input.shape().size() + 1];
    dims[0] = n;
    for (int i = 1; i < dims.length; i++) {
      dims[i] = input.shape().get(i - 1);
    }
    float[] part = new float[n * e];
    for (int r = 0; r < n; r++) {
      System.arraycopy(rows, r * width + offset, part, r * e, e);
    }
    return TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(part, true, false));
  }

  /** {@value ServingGraph#BYTES_SIGNATURE}'s outputs for a batch of encoded image files. */
  public Result predictFiles(TString files) {
    return bundle.function(ServingGraph.BYTES_SIGNATURE).call(Map.of(ServingGraph.BYTES_INPUT, files));
  }

  @Override
  public void close() throws IOException {
    bundle.close();
    if (temporary != null) {
      deleteTree(temporary);
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
