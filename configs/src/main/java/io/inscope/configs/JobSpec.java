package io.inscope.configs;

import io.inscope.configs.data.DataSpec;
import io.inscope.configs.losses.LossSpec;
import io.inscope.configs.metrics.MetricSpec;
import io.inscope.configs.optimizers.OptimizerSpec;
import java.util.List;

/**
 * A whole job file, resolved: templates merged, environment interpolated, overrides applied, every
 * default filled in. Immutable; built only by the loader, which has checked every invariant.
 *
 * <pre>
 * version: 1
 * name: iris
 * model: {input: {shape: [4]}, layers: [{dense: {units: 3}}]}
 * loss: {sparse_categorical_crossentropy: {from_logits: true}}
 * optimizer: adam
 * data: {train: {csv: {path: iris.csv, label: species}, batch_size: 16}}
 * train: {epochs: 50}
 * </pre>
 */
public record JobSpec(
    @Doc("version of the job-file format; only 1 exists") @Default("1") @Range(min = 1, max = 1)
        int version,
    @Doc("job name: names the run directory and the logs; letters, digits, '.', '_' and '-'")
        String name,
    @Doc("one seed for every initializer, shuffle and dropout mask") @Default("42") long seed,
    @Doc("where the computation runs; omitted = this machine") @Default("{}") ClusterSpec cluster,
    @Doc("how the computation is replicated") @Default("{}") StrategySpec strategy,
    @Doc("extra, non-layer variables, created in the strategy scope") @Default("[]")
        List<VariableSpec> variables,
    @Doc("input spec and layers") ModelSpec model,
    @Doc("loss function, a kind") LossSpec loss,
    @Doc("metrics besides the loss (always reported)") @Default("[]") List<MetricSpec> metrics,
    @Doc("optimizer, a kind") OptimizerSpec optimizer,
    @Doc("training and evaluation data") DataSpec data,
    @Doc("training schedule") TrainSpec train,
    @Doc("checkpoint schedule and retention") @Default("{}") CheckpointSpec checkpoint,
    @Doc("what to export when training ends") @Default("{}") ExportSpec export,
    @Doc("TensorBoard event files: scalars, weight histograms, the graph") @Default("{}")
        TensorBoardSpec tensorboard,
    @Doc("run directory; relative paths resolve against the working directory")
        @Default("runs/${name}")
        String output,
    @Doc("Guice modules (fully qualified class names on the classpath) that add kinds; code execution")
        @Default("[]")
        List<String> plugins,
    @Doc("fine-tuning: load the model's weights from a run, checkpoint or SavedModel before step 0 of a new run")
        @OptionalKey
        InitFromSpec initFrom) {

  public JobSpec {
    if (!name.matches("[A-Za-z0-9._-]{1,100}") || name.equals(".") || name.equals("..")) {
      throw new SpecException(
          "name",
          "must be usable as a directory name: 1-100 letters, digits, '.', '_' or '-' (got '"
              + name
              + "')");
    }
    if (output.indexOf('\0') >= 0) {
      throw new SpecException("output", "not a valid path (nul character not allowed)");
    }
    variables = List.copyOf(variables);
    metrics = List.copyOf(metrics);
    plugins = List.copyOf(plugins);
  }

  /** A job without {@code init_from}. */
  public JobSpec(int version, String name, long seed, ClusterSpec cluster, StrategySpec strategy,
      List<VariableSpec> variables, ModelSpec model, LossSpec loss, List<MetricSpec> metrics, OptimizerSpec optimizer,
      DataSpec data, TrainSpec train, CheckpointSpec checkpoint, ExportSpec export, TensorBoardSpec tensorboard,
      String output, List<String> plugins) {
    this(version, name, seed, cluster, strategy, variables, model, loss, metrics, optimizer, data, train, checkpoint,
        export, tensorboard, output, plugins, null);
  }
}
