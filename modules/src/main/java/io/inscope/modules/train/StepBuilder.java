package io.inscope.modules.train;

import com.google.inject.Inject;
import io.inscope.configs.JobSpec;
import io.inscope.configs.Kind;
import io.inscope.configs.Precision;
import io.inscope.configs.losses.BinaryCrossentropySpec;
import io.inscope.configs.losses.WeightedLoss;
import io.inscope.configs.metrics.LossMetricSpec;
import io.inscope.configs.metrics.MetricSpec;
import io.inscope.modules.data.Examples;
import io.inscope.modules.layers.CallContext;
import io.inscope.modules.layers.Model;
import io.inscope.modules.layers.ModelFactory;
import io.inscope.modules.losses.ClassWeighting;
import io.inscope.modules.losses.Labels;
import io.inscope.modules.losses.LossFactory;
import io.inscope.modules.metrics.ConfusionMatrix;
import io.inscope.modules.metrics.Metric;
import io.inscope.modules.metrics.MetricFactory;
import io.inscope.modules.optimizers.Optimizer;
import io.inscope.modules.optimizers.OptimizerFactory;
import io.inscope.modules.schedules.PlateauOps;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.Placement;
import io.inscope.modules.strategy.ReplicaContext;
import io.inscope.modules.strategy.ReplicatingStrategy;
import io.inscope.modules.strategy.StrategyScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.framework.losses.Loss;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Builds a job's whole graph inside an open strategy scope: declared variables, the model (shapes
 * inferred from {@code model.input}), {@code train.steps_per_execution} chained copies of the
 * replicated training step with its mean-reduced, gated gradients ({@link UnrolledSteps}), the
 * optimizer (its slots created in the scope before any step), and the evaluation path.
 */
public final class StepBuilder {
  private final ModelFactory models;
  private final Map<String, LossFactory> losses;
  private final Map<String, OptimizerFactory> optimizers;
  private final Map<String, MetricFactory> metrics;
  private final DeclaredVariables declared;

  @Inject
  public StepBuilder(
      ModelFactory models,
      Map<String, LossFactory> losses,
      Map<String, OptimizerFactory> optimizers,
      Map<String, MetricFactory> metrics,
      DeclaredVariables declared) {
    this.models = models;
    this.losses = Map.copyOf(losses);
    this.optimizers = Map.copyOf(optimizers);
    this.metrics = Map.copyOf(metrics);
    this.declared = declared;
  }

  /**
   * @param scope the open scope; every variable is created through it
   * @param labelShape the shape of one example's label, as the data gives it
   */
  public TrainGraph build(JobSpec job, StrategyScope scope, Shape labelShape) {
    return build(job, scope, labelShape, null);
  }

  /**
   * @param scope the open scope; every variable is created through it
   * @param labelShape the shape of one example's label, as the data gives it
   * @param train the training split, for {@code class_weights} (balanced counts, class names); may
   *     be null when the loss has none
   */
  public TrainGraph build(JobSpec job, StrategyScope scope, Shape labelShape, Examples train) {
    boolean float16 = job.precision() == Precision.MIXED_FLOAT16;
    if (float16 && scope.strategy() instanceof ReplicatingStrategy) {
      throw new IllegalArgumentException("precision: mixed_float16 is for GPUs: a tpu step does not build its loss"
          + " scaling; use mixed_bfloat16 (TPUs compute in bfloat16, no loss scaling needed)");
    }
    Ops tf = scope.tf();
    // between graphs each task trains its share of the global batch
    int tasks = scope.strategy().inputShards().count();
    if (job.data().train().batchSize() % tasks != 0) {
      throw new IllegalArgumentException("data.train.batch_size " + job.data().train().batchSize()
          + " does not divide evenly over " + tasks + " tasks");
    }
    int batch = job.data().train().batchSize() / tasks;
    Shape input = Shape.of(job.model().featureRow().shape().stream().mapToLong(Integer::longValue).toArray());

    MirroredVariable<TInt64> globalStep = declared.create(job.variables(), scope);
    Model model = models.create(job.model());
    Shape outputShape = model.build();
    Loss loss = kind(losses, job.loss()).create(job.loss());
    List<Metric> metricList = metrics(job);
    if (model.regularized()) {
      metricList.add(new RegularizationLoss());
    }

    long totalSteps = job.train().steps() != null ? job.train().steps()
        : train == null ? -1 : (long) job.train().epochs() * (train.size() / batch);
    // multi-worker: auto keeps one step per run. Each new set of fetches (a new chain length, as the
    // measurement and the runs cut short at eval or checkpoint boundaries use) makes the master
    // register graph partitions on every worker, a call that cluster.step_timeout does not bound:
    // a task frozen then would hang the run instead of ending it with exit 69 (StepTimeoutIT)
    boolean multiWorker = job.strategy().type() == io.inscope.configs.StrategyType.MULTI_WORKER_MIRRORED;
    int k = multiWorker && job.train().stepsPerExecution().auto() ? 1
        : job.train().stepsPerExecution().copies(batch, job.model().featureRow().elements(), job.model().layers().size(),
            Gradients.trainable(scope).stream().mapToLong(MirroredVariable::elements).sum(), totalSteps);
    if (tasks > 1 && k > 1) {
      // every task must run the same steps: the chief tells the others each step before it runs
      throw new IllegalArgumentException("train.steps_per_execution: multi_worker_mirrored between graphs runs one step"
          + " per execution (the chief starts each step on every task); leave steps_per_execution out or set it to 1");
    }
    Placeholder<TFloat32> features = tf.withName("features").placeholder(TFloat32.class, Placeholder.shape(batchShape((long) k * batch, input)));
    Placeholder<TFloat32> labels = tf.withName("labels").placeholder(TFloat32.class, Placeholder.shape(batchShape((long) k * batch, labelShape)));
    Placeholder<TInt64> step = tf.withName("step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));

    float[] classWeights = ClassWeighting.weights(job.loss(), classes(job, outputShape), train);
    Optimizer optimizer = kind(optimizers, job.optimizer()).create(job.optimizer());
    optimizer.build(scope, Gradients.trainable(scope));
    LossScale lossScale = float16 ? LossScale.create(scope) : null;
    UnrolledSteps steps = UnrolledSteps.build(scope, k, model, features, labels, step, batch, (rtf, y, out) ->
        weighted(rtf, loss, job, Labels.adapt(rtf, job.loss(), y, labelShape, outputShape), out, classWeights), metricList, optimizer, globalStep, lossScale);

    Ops host = tf;
    Placeholder<TFloat32> evalFeatures = tf.withName("eval_features").placeholder(TFloat32.class, Placeholder.shape(batchShape(-1, input)));
    Placeholder<TFloat32> evalLabels = tf.withName("eval_labels").placeholder(TFloat32.class, Placeholder.shape(batchShape(-1, labelShape)));
    // a replicated (TPU) step runs only inside its computation; evaluation runs on the host
    ReplicaContext first = scope.strategy() instanceof ReplicatingStrategy r
        ? new ReplicaContext(scope, 0, scope.tf().withDevice(Placement.spec(r.hostDevice())))
        : new ReplicaContext(scope, 0);
    Ops evalTf = first.tf().withSubScope("eval");
    Operand<TFloat32> outputs = model.call(new CallContext(first, false, step, new ArrayList<>(), float16), evalFeatures);
    Operand<TFloat32> evalLoss = loss.call(evalTf, Labels.adapt(evalTf, job.loss(), evalLabels, labelShape, outputShape), outputs, null);
    Operand<TFloat32> penalty = model.regularized() ? model.regularization(first) : null;
    if (penalty != null) {
      evalLoss = evalTf.math.add(evalLoss, penalty);
    }
    List<Operand<TFloat32>> evalSums = new ArrayList<>();
    for (Metric m : metricList) {
      evalSums.add(m instanceof RegularizationLoss ? RegularizationLoss.penaltySum(evalTf, penalty, evalLabels) : m.batchSum(evalTf, evalLabels, outputs));
    }
    int units = (int) outputShape.size(outputShape.numDimensions() - 1);
    Operand<TFloat32> confusion = ConfusionMatrix.applies(job.loss(), units)
        ? evalTf.withName("confusion").identity(ConfusionMatrix.batchCounts(evalTf, job.loss(), evalLabels, outputs))
        : null;
    scope.verifyEveryVariableOwned();
    return new TrainGraph(
        features, labels, step, steps.trainOps(), steps.losses(), steps.metricSums(),
        steps.lossVector(host), steps.metricVectors(host),
        evalFeatures, evalLabels, evalLoss, evalSums, tf.withName("outputs").identity(outputs),
        metricList, scope.variables(), optimizer.appliedLearningRate(), PlateauOps.of(optimizer.learningRate()),
        optimizer.emaSwap(), confusion,
        steps.lossScales(), steps.lossScaleVector(host));
  }

  private List<Metric> metrics(JobSpec job) {
    List<Metric> list = new ArrayList<>();
    for (MetricSpec m : job.metrics()) {
      if (!(m instanceof LossMetricSpec)) {
        list.add(kind(metrics, m).create(m, job.loss()));
      }
    }
    return list;
  }

  private static Operand<TFloat32> weighted(Ops tf, Loss loss, JobSpec job, Operand<TFloat32> labels,
      Operand<TFloat32> outputs, float[] classWeights) {
    return loss.call(tf, labels, outputs, ClassWeighting.sampleWeights(tf, job.loss(), labels, classWeights));
  }

  /** The number of classes class weights index: the output's units, 2 for a one-unit binary output. */
  private static int classes(JobSpec job, Shape outputShape) {
    int units = (int) outputShape.size(outputShape.numDimensions() - 1);
    if (job.loss() instanceof BinaryCrossentropySpec) {
      if (outputShape.size() != 1 && job.loss() instanceof WeightedLoss w && w.classWeights() != null) {
        throw new IllegalArgumentException("loss.binary_crossentropy.class_weights needs one output per example (got outputs " + outputShape + ")");
      }
      return 2;
    }
    return units;
  }

  static Shape batchShape(long batch, Shape example) {
    long[] dims = new long[example.numDimensions() + 1];
    dims[0] = batch;
    System.arraycopy(example.asArray(), 0, dims, 1, example.numDimensions());
    return Shape.of(dims);
  }

  private static <F> F kind(Map<String, F> bound, Object spec) {
    String name = spec.getClass().getAnnotation(Kind.class).value();
    F f = bound.get(name);
    if (f == null) {
      throw new IllegalStateException("no factory bound for kind '" + name + "' (bound: " + bound.keySet() + ")");
    }
    return f;
  }
}
