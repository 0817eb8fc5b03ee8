package io.inscope.runner.internal;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.inscope.configs.JobSpec;
import io.inscope.modules.checkpoint.CheckpointOps;
import io.inscope.modules.checkpoint.InitOps;
import io.inscope.modules.cluster.ClusterUnavailableException;
import io.inscope.modules.cluster.SystemInitializer;
import io.inscope.modules.cluster.Topology;
import io.inscope.modules.data.BatchPlan;
import io.inscope.modules.data.ClassNames;
import io.inscope.modules.data.DataException;
import io.inscope.modules.data.DataLoader;
import io.inscope.modules.data.EvalData;
import io.inscope.modules.data.EvalStream;
import io.inscope.modules.data.Examples;
import io.inscope.modules.data.ImageList;
import io.inscope.modules.data.PreprocessingCompiler;
import io.inscope.modules.data.Shards;
import io.inscope.modules.data.TfrecordStream;
import io.inscope.modules.data.TrainingData;
import io.inscope.modules.data.Vocabulary;
import io.inscope.modules.layers.LayerShapeException;
import io.inscope.modules.layers.ModelFactory;
import io.inscope.modules.losses.LabelChecks;
import io.inscope.modules.strategy.Coordination;
import io.inscope.modules.strategy.Strategy;
import io.inscope.modules.strategy.StrategyFactory;
import io.inscope.modules.strategy.StrategyScope;
import io.inscope.modules.train.StepBuilder;
import io.inscope.modules.train.TrainGraph;
import io.inscope.runner.ExitCodes;
import io.inscope.runner.UserException;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.TargetSessions;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.GraphDef;

/**
 * The three phases for one job: initialize the system, build everything inside the strategy
 * scope, open the session. Owns the graph and the session (closed with this object).
 */
public final class JobSession implements AutoCloseable {
  private static final java.time.Duration REMOTE_CLOSE_WAIT = java.time.Duration.ofSeconds(5);
  public final JobSpec job;
  private final SystemInitializer system;
  public final Topology topology;
  public final Strategy strategy;
  /** The training split held in memory; null when it streams ({@code data.train.cache: false}). */
  public final Examples train;
  /** The eval split held in memory; null without {@code data.eval} or when it streams ({@code data.eval.cache: false}). */
  public final Examples eval;
  /** The eval split as evaluation reads it: {@link #eval}, or a stream; null without {@code data.eval}. */
  public final EvalData evalData;
  /** The training split as the trainer takes it: {@link #train} with {@link #plan}, or a stream. */
  public final TrainingData trainData;
  /** The class names of string labels (class id = index), empty for numeric labels. */
  public final Optional<ClassNames> classes;
  /** The vocabulary of text sources (token id = index), else empty. */
  public final Optional<Vocabulary> vocabulary;
  /** How {@link #train} is batched; null when the split streams. */
  public final BatchPlan plan;
  /**
   * The training split when it streams images ({@code cache: false} of an image source): all its
   * files and labels (every task's), decoded batch by batch; else null.
   */
  public final ImageList trainImages;
  public final Graph graph;
  public final TrainGraph step;
  public final CheckpointOps checkpointOps;
  /** With {@code init_from}, the ops that assign loaded weights to every replica; else null. */
  public final InitOps initOps;
  /** Builds the model again for a serving graph (export). */
  public final ModelFactory models;
  /** How this task keeps in step with the others between graphs; {@link Coordination#ALONE} otherwise. */
  public final Coordination coordination;
  /** Compiles preprocessing steps with the job's kinds, plugins included (training, evaluation, export). */
  public final PreprocessingCompiler preprocessing;
  private Session session;
  private final java.util.Deque<Runnable> onClose = new java.util.ArrayDeque<>();

  private JobSession(JobSpec job, SystemInitializer system, Topology topology, Strategy strategy, Examples train,
      Examples eval, EvalData evalData, Optional<ClassNames> classes, Optional<Vocabulary> vocabulary, BatchPlan plan, TrainingData trainData,
      ImageList trainImages, Graph graph, TrainGraph step, CheckpointOps checkpointOps, InitOps initOps, ModelFactory models,
      Coordination coordination, PreprocessingCompiler preprocessing) {
    this.job = job;
    this.system = system;
    this.topology = topology;
    this.strategy = strategy;
    this.train = train;
    this.eval = eval;
    this.evalData = evalData;
    this.classes = classes;
    this.vocabulary = vocabulary;
    this.plan = plan;
    this.trainData = trainData;
    this.trainImages = trainImages;
    this.graph = graph;
    this.step = step;
    this.checkpointOps = checkpointOps;
    this.initOps = initOps;
    this.models = models;
    this.coordination = coordination;
    this.preprocessing = preprocessing;
  }

  /** As {@link #build(JobSpec, Injector, Optional)} with class names taken from the training split. */
  public static JobSession build(JobSpec job, Injector injector) throws UserException {
    return build(job, injector, Optional.empty());
  }

  /**
   * @param savedClasses the class names of the run directory ({@value ClassNames#FILE}) when it has
   *     them: string labels of every split are numbered by them, not by the training split
   */
  public static JobSession build(JobSpec job, Injector injector, Optional<ClassNames> savedClasses) throws UserException {
    return build(job, injector, savedClasses, Optional.empty());
  }

  /**
   * @param savedVocabulary the vocabulary of the run directory ({@value Vocabulary#FILE}) when it
   *     has one: text sources are vectorized with it, not with one learned from the training split
   */
  public static JobSession build(JobSpec job, Injector injector, Optional<ClassNames> savedClasses,
      Optional<Vocabulary> savedVocabulary) throws UserException {
    String type = job.strategy().type().name().toLowerCase(java.util.Locale.ROOT);
    SystemInitializer system = injector
        .getInstance(Key.get(new TypeLiteral<Map<String, SystemInitializer>>() {}))
        .get(type);
    if (system == null) {
      throw new UserException(ExitCodes.USAGE,
          "strategy.type: '" + type + "' is not available in this build of the runner");
    }
    Topology topology;
    try {
      topology = system.initialize(job);
    } catch (ClusterUnavailableException e) {
      throw new UserException(ExitCodes.UNAVAILABLE, e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UserException(ExitCodes.USAGE, e.getMessage());
    }
    Map<String, StrategyFactory> strategies =
        injector.getInstance(Key.get(new TypeLiteral<Map<String, StrategyFactory>>() {}));
    Strategy strategy = strategies.get(type).create(job.strategy(), topology);
    DataLoader data = injector.getInstance(DataLoader.class);
    Examples train;
    Examples eval;
    EvalData evalData;
    Optional<ClassNames> classes;
    Optional<Vocabulary> vocabulary;
    BatchPlan plan;
    TrainingData trainData;
    ImageList trainImages;
    try {
      DataLoader.Splits splits = data.loadSplits(job.data(), job.model().namedInputs(), job.seed(), savedClasses, savedVocabulary);
      train = splits.train();
      eval = splits.eval();
      // the chief evaluates the whole split (held in memory or streamed), between graphs too
      evalData = splits.evaluation();
      classes = splits.classes();
      vocabulary = splits.vocabulary();
      // between graphs each task trains on its own share (by example in memory, by file streamed)
      Shards shards = strategy.inputShards();
      trainImages = splits.trainImages();
      if (trainImages != null) {
        // listed, not decoded: each task decodes its own examples' images, batch by batch, in cache: true's batches
        ImageList mine = trainImages.withIndex(shards.examples(trainImages.index()));
        plan = BatchPlan.of(mine.size(), job.data().train().batchSize() / shards.count(), job.data().train().shuffle(),
            job.seed());
        trainData = mine.training(plan);
      } else if (train != null) {
        Examples mine = shards.examples(train);
        plan = BatchPlan.of(mine.size(), job.data().train().batchSize() / shards.count(), job.data().train().shuffle(),
            job.seed());
        trainData = TrainingData.inMemory(mine, plan);
      } else {
        plan = null;
        trainData = TfrecordStream.open("data.train", job.data().train(), job.model().namedInputs(), job.seed(), shards);
      }
    } catch (DataException e) {
      system.shutdown(job, topology);
      throw new UserException(ExitCodes.USAGE, e.getMessage());
    }
    Graph graph = new Graph();
    try {
      TrainGraph step;
      CheckpointOps ckpt;
      InitOps init;
      Coordination coordination;
      try (StrategyScope scope = StrategyScope.open(strategy, graph, job.seed())) {
        step = injector.getInstance(StepBuilder.class).build(job, scope, Shape.of(trainData.labelShape()),
            trainImages != null ? trainImages.index() : train);
        ckpt = CheckpointOps.build(scope.tf(), step.variables());
        init = job.initFrom() == null ? null : InitOps.build(scope.tf(), step.variables());
        coordination = strategy.coordination(scope);
      }
      checkLabels(job, step, trainImages != null ? trainImages.index() : train,
          evalData instanceof ImageList.Eval images ? images.labels() : eval);
      if (trainData instanceof TfrecordStream stream) {
        LabelChecks.Rows rows = LabelChecks.rows(job.loss(), outputShape(step), stream.labelShape(),
            stream.files().get(0) + ": record 0 (counting from 0)", "data.train.tfrecord");
        stream.checkLabels(rows::check);
      }
      if (evalData instanceof EvalStream stream) {
        checkLabels(job, step, stream, "data.eval.tfrecord");
      }
      Optional<GraphDef> rewritten = strategy.sessionGraph(graph);
      if (rewritten.isPresent()) {
        // e.g. the TPU master compiles the ops marked _tpu_replicate, gradient ops included, which
        // can only be marked on the GraphDef: the session runs the strategy's copy of the graph
        Graph annotated = new Graph();
        try {
          annotated.importGraphDef(rewritten.get());
        } catch (RuntimeException e) {
          annotated.close();
          throw e;
        }
        JobSession session = new JobSession(job, system, topology, strategy, train, eval, evalData, classes, vocabulary, plan,
            trainData, trainImages, annotated, step.in(annotated), ckpt.in(annotated), init == null ? null : init.in(annotated),
            injector.getInstance(ModelFactory.class), coordination, injector.getInstance(PreprocessingCompiler.class));
        session.onClose(graph::close);
        return session;
      }
      return new JobSession(job, system, topology, strategy, train, eval, evalData, classes, vocabulary, plan, trainData, trainImages, graph, step, ckpt,
          init, injector.getInstance(ModelFactory.class), coordination, injector.getInstance(PreprocessingCompiler.class));
    } catch (IllegalArgumentException e) {
      graph.close();
      system.shutdown(job, topology);
      if (e instanceof LayerShapeException shape && shape.path() != null) {
        throw new UserException(ExitCodes.USAGE, shape.path() + ": " + e.getMessage(), shape.path(), e.getMessage());
      }
      throw new UserException(ExitCodes.USAGE, e.getMessage());
    } catch (DataException e) {
      graph.close();
      system.shutdown(job, topology);
      throw new UserException(ExitCodes.USAGE, e.getMessage());
    } catch (RuntimeException e) {
      graph.close();
      system.shutdown(job, topology);
      throw e;
    }
  }

  /** Every label of both splits against the loss and the model's output width, before any step. */
  private static void checkLabels(JobSpec job, TrainGraph step, Examples train, Examples eval) throws DataException {
    // a streamed split's labels are checked as its readers parse them: checking first would read every file
    if (train != null) {
      LabelChecks.check(job.loss(), outputShape(step), train, "data.train." + DataLoader.kindOf(job.data().train().source().getClass()));
    }
    if (eval != null) {
      LabelChecks.check(job.loss(), outputShape(step), eval, "data.eval." + DataLoader.kindOf(job.data().eval().source().getClass()));
    }
  }

  /**
   * Checks other examples' labels (say, files given to {@code evaluate}) as the splits' were.
   *
   * @param where the spec path or option of errors, e.g. {@code --data}
   */
  public void checkLabels(Examples examples, String where) throws DataException {
    LabelChecks.check(job.loss(), outputShape(step), examples, where);
  }

  /**
   * Has a streamed eval split check each label as its reader parses it, as {@link #checkLabels(Examples,
   * String)} checks a split held in memory.
   *
   * @param where the spec path or option of errors, e.g. {@code data.eval.tfrecord}
   */
  public void checkLabels(EvalStream stream, String where) throws DataException {
    checkLabels(job, step, stream, where);
  }

  private static void checkLabels(JobSpec job, TrainGraph step, EvalStream stream, String where) throws DataException {
    String first = stream.paths().isEmpty() ? where : stream.paths().get(0) + ": record 0 (counting from 0)";
    LabelChecks.Rows rows = LabelChecks.rows(job.loss(), outputShape(step), stream.labelShape(), first, where);
    stream.checkLabels(rows::check);
  }

  private static long[] outputShape(TrainGraph step) {
    long[] batched = step.outputs().shape().asArray();
    return java.util.Arrays.copyOfRange(batched, 1, batched.length);
  }

  /** The session, opened (and its variables initialized) on first use. */
  public Session session() {
    if (session == null) {
      session = TargetSessions.open(graph, topology.target(), system.sessionConfig(job));
      session.initialize();
    }
    return session;
  }

  /**
   * Runs {@code action} when this object closes, before the session and the graph close (last
   * registered, first run): for what reads them, such as the TensorBoard writer.
   */
  public void onClose(Runnable action) {
    onClose.push(action);
  }

  @Override
  public void close() {
    while (!onClose.isEmpty()) {
      onClose.pop().run();
    }
    if (session != null) {
      if (topology.target().isEmpty()) {
        session.close();
      } else if (!BoundedClose.within(session::close, REMOTE_CLOSE_WAIT)) {
        return; // a cluster task is gone: the session (and so its graph) cannot close before the process ends
      }
    }
    graph.close();
    system.shutdown(job, topology);
  }
}
