package io.inscope.configs.internal;

import io.inscope.configs.Activation;
import io.inscope.configs.Every;
import io.inscope.configs.ExportFrom;
import io.inscope.configs.JobSpec;
import io.inscope.configs.StepsPerExecution;
import io.inscope.configs.MonitorMode;
import io.inscope.configs.ShapeLimits;
import io.inscope.configs.StrategySpec;
import io.inscope.configs.StrategyType;
import io.inscope.configs.VariableSpec;
import io.inscope.configs.InputSpec;
import io.inscope.configs.data.CsvSpec;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.FeatureSpec;
import io.inscope.configs.data.SyntheticSpec;
import io.inscope.configs.data.TfrecordSpec;
import io.inscope.configs.layers.AveragePool2DSpec;
import io.inscope.configs.layers.DropoutSpec;
import io.inscope.configs.layers.FlattenSpec;
import io.inscope.configs.layers.GlobalAveragePooling1DSpec;
import io.inscope.configs.layers.GlobalAveragePooling2DSpec;
import io.inscope.configs.layers.GlobalMaxPooling1DSpec;
import io.inscope.configs.layers.GlobalMaxPooling2DSpec;
import io.inscope.configs.layers.LayerNodeSpec;
import io.inscope.configs.layers.LayerSpec;
import io.inscope.configs.layers.MaxPool2DSpec;
import io.inscope.configs.layers.ReshapeSpec;
import io.inscope.configs.layers.SoftmaxSpec;
import io.inscope.configs.losses.BinaryCrossentropySpec;
import io.inscope.configs.schedules.ReduceOnPlateauSpec;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rules that span records, checked on a bound {@link JobSpec}: a global batch divides evenly over
 * the replicas whenever the file fixes their number, a batch staged for one {@code Session.run}
 * fits one Java array, extra variables have unique names, and a loss that reads probabilities
 * follows an output that gives them.
 */
final class CrossChecks {
  private CrossChecks() {}

  static void check(JobSpec spec, Map<String, Origin> locations, Problems problems) {
    GraphChecks.check(spec.model(), locations, problems);
    Integer replicas = replicas(spec);
    if (replicas != null && replicas > 1) {
      batch(spec.data().train(), "data.train", replicas, spec.strategy(), locations, problems);
      batch(spec.data().eval(), "data.eval", replicas, spec.strategy(), locations, problems);
    }
    monitors(spec, locations, problems);
    if (spec.model().namedInputs().size() > 1) {
      fed(spec, spec.data().train(), "data.train", locations, problems);
      fed(spec, spec.data().eval(), "data.eval", locations, problems);
    }
    long elements = spec.model().featureRow().elements();
    // auto never stages more than fits (StepsPerExecution.copies)
    StepsPerExecution k = spec.train().stepsPerExecution();
    staged(spec.data().train(), "data.train", k.auto() ? 1 : k.fixed(), elements, locations, problems);
    staged(spec.data().eval(), "data.eval", 1, elements, locations, problems);
    Map<String, Integer> seen = new HashMap<>();
    List<VariableSpec> variables = spec.variables();
    for (int i = 0; i < variables.size(); i++) {
      Integer first = seen.putIfAbsent(variables.get(i).name(), i);
      if (first != null) {
        String path = "variables[" + i + "].name";
        problems.add(at(locations, path), path, "duplicate variable name '" + variables.get(i).name()
            + "' (also variables[" + first + "])");
      }
    }
    probabilities(spec, locations, problems);
    Map<String, InputSpec> named = spec.model().namedInputs();
    if (named.size() == 1) {
      InputSpec input = named.values().iterator().next();
      Preprocessings.check(spec.data().train(), "data.train", input, true, locations, problems);
      Preprocessings.check(spec.data().eval(), "data.eval", input, false, locations, problems);
    } else {
      for (String split : List.of("train", "eval")) {
        DataSplitSpec s = split.equals("train") ? spec.data().train() : spec.data().eval();
        // an eval split without steps of its own takes the training split's: one report for both
        boolean inherited = split.equals("eval") && !spec.data().train().steps().isEmpty();
        if (s != null && !inherited && !s.steps().isEmpty()) {
          String path = "data." + split + ".preprocessing";
          problems.add(at(locations, path), path, "preprocessing applies to models with one input; this model has "
              + named.size() + " (model.inputs): remove the steps, or preprocess the data before the run");
        }
      }
    }
    streamed(spec, locations, problems);
    if (spec.precision() == io.inscope.configs.Precision.MIXED_FLOAT16
        && spec.strategy().type() == io.inscope.configs.StrategyType.TPU) {
      problems.add(at(locations, "precision"), "precision", "mixed_float16 needs dynamic loss scaling, which a tpu"
          + " step does not build; use mixed_bfloat16 (TPUs compute in bfloat16 without loss scaling)");
    }
  }

  /**
   * A streamed tfrecord split ({@code cache: false}) is not read before training: balanced class
   * weights, which count every label of the training split first, need it in memory. A streamed
   * image split lists its files and labels before training, so it can count them. A streamed eval split
   * needs nothing before training (an evaluation reads it in file order, a batch at a time).
   */
  private static void streamed(JobSpec spec, Map<String, Origin> locations, Problems problems) {
    if (!spec.data().train().cache() && spec.data().train().source() instanceof io.inscope.configs.data.TfrecordSpec
        && spec.loss() instanceof io.inscope.configs.losses.WeightedLoss w
        && w.classWeights() != null && w.classWeights().balanced()) {
      String kind = spec.loss().getClass().getAnnotation(io.inscope.configs.Kind.class).value();
      String path = "loss." + kind + ".class_weights";
      problems.add(at(locations, path), path, "balanced counts every label of data.train before the first step,"
          + " which a streamed split (data.train.cache: false) does not read; give the weights by class, or set cache: true");
    }
  }

  /**
   * binary_crossentropy with {@code from_logits: false} reads probabilities: the model's output must
   * come from a sigmoid or softmax, possibly followed by layers that keep values in [0, 1] (dropout,
   * reshape, flatten, pooling). Otherwise Keras would clip the outputs to [1e-7, 1 - 1e-7] and train
   * on a loss whose gradient is zero wherever an output is clipped.
   */
  private static void probabilities(JobSpec spec, Map<String, Origin> locations, Problems problems) {
    if (!(spec.loss() instanceof BinaryCrossentropySpec bce) || bce.fromLogits()) {
      return;
    }
    // from the output layer back through the layers that keep the range, along their first input
    List<LayerNodeSpec> nodes = spec.model().layers();
    List<String> names = nodes.stream().map(LayerNodeSpec::name).toList();
    for (int i = names.indexOf(spec.model().output()); i >= 0; i = names.indexOf(nodes.get(i).inputs().get(0))) {
      LayerSpec layer = nodes.get(i).layer();
      if (keepsRange(layer)) {
        continue;
      }
      Activation activation = activation(layer);
      if (activation == Activation.SIGMOID || activation == Activation.SOFTMAX) {
        return;
      }
      String kind = layer.getClass().getAnnotation(io.inscope.configs.Kind.class).value();
      String output = activation == null ? "unbounded (its last layer is " + kind + ", model.layers[" + i + "])"
          : activation == Activation.LINEAR ? "linear (model.layers[" + i + "]." + kind + " has no activation)"
          : "not a probability (model.layers[" + i + "]." + kind + " has activation " + activation.name().toLowerCase(java.util.Locale.ROOT) + ")";
      String path = "loss.binary_crossentropy.from_logits";
      Origin origin = locations.containsKey(path) ? locations.get(path) : at(locations, "loss");
      problems.add(origin, locations.containsKey(path) ? path : "loss",
          "binary_crossentropy reads probabilities (from_logits: false) but the model's output is " + output
              + "; set from_logits: true, or add activation: sigmoid to the last layer");
      return;
    }
  }

  private static boolean keepsRange(LayerSpec layer) {
    return layer instanceof DropoutSpec || layer instanceof FlattenSpec || layer instanceof ReshapeSpec
        || layer instanceof MaxPool2DSpec || layer instanceof AveragePool2DSpec
        || layer instanceof GlobalAveragePooling1DSpec || layer instanceof GlobalAveragePooling2DSpec
        || layer instanceof GlobalMaxPooling1DSpec || layer instanceof GlobalMaxPooling2DSpec;
  }

  /**
   * The activation a layer ends with: its {@code activation} key (dense, conv2d, activation, lstm,
   * gru, ...), softmax for a softmax layer, or null for a layer without one (batch normalization,
   * embedding, ...).
   */
  private static Activation activation(LayerSpec layer) {
    if (layer instanceof SoftmaxSpec) {
      return Activation.SOFTMAX;
    }
    for (RecordComponent component : layer.getClass().getRecordComponents()) {
      if (component.getName().equals("activation") && component.getType() == Activation.class) {
        try {
          return (Activation) component.getAccessor().invoke(layer);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return null;
  }

  /**
   * Every evaluation-driven rule (reduce_on_plateau, early stopping, the best checkpoint) needs
   * evaluations and a value that they report: the loss or one of the job's metrics.
   */
  private static void monitors(JobSpec spec, Map<String, Origin> locations, Problems problems) {
    Map<String, String> watched = new LinkedHashMap<>();
    if (spec.optimizer().learningRate() instanceof ReduceOnPlateauSpec p) {
      watched.put("optimizer." + KindFamily.nameOf(spec.optimizer().getClass()) + ".learning_rate.reduce_on_plateau.monitor", p.monitor());
    }
    if (spec.train().earlyStopping() != null) {
      watched.put("train.early_stopping.monitor", spec.train().earlyStopping().monitor());
    }
    if (spec.checkpoint().best() != null) {
      watched.put("checkpoint.best.monitor", spec.checkpoint().best().monitor());
    }
    if (spec.export().from() == ExportFrom.BEST && spec.checkpoint().best() == null) {
      problems.add(at(locations, "export.from"), "export.from", "best needs checkpoint.best: {monitor: ..., mode: ...}");
    }
    Set<String> names = new TreeSet<>();
    names.add("loss");
    spec.metrics().forEach(m -> names.add(m.reportedName()));
    watched.forEach((path, monitor) -> {
      if (spec.data().eval() == null) {
        problems.add(at(locations, path), path, "needs evaluations: add data.eval");
      } else if (spec.train().evalEvery().unit() == Every.Unit.NEVER) {
        problems.add(at(locations, path), path, "needs evaluations, but train.eval_every is never");
      }
      String name = MonitorMode.metricName(monitor);
      if (!names.contains(name)) {
        problems.add(at(locations, path), path, "the evaluation reports no '" + name + "' (it reports "
            + String.join(", ", names) + Suggest.didYouMean(name, names) + "); add it to metrics");
      }
    });
  }

  /**
   * The number of replicas when the file alone fixes it: {@link StrategySpec#knownReplicas()}, or
   * for multi_worker_mirrored with listed workers and replicas per task, their product.
   */
  static Integer replicas(JobSpec spec) {
    StrategySpec s = spec.strategy();
    if (s.knownReplicas() != null) {
      return s.knownReplicas();
    }
    List<String> workers = spec.cluster().workers();
    if (s.type() == StrategyType.MULTI_WORKER_MIRRORED && workers != null && s.replicas() != null) {
      return workers.size() * s.replicas();
    }
    return null;
  }

  /**
   * A model with several inputs feeds each from the data feature of its name: a tfrecord feature,
   * or a csv {@code feature_groups} entry, holding as many values as the input; synthetic data
   * fills every input. Other sources give one feature per example.
   */
  private static void fed(JobSpec spec, DataSplitSpec split, String splitPath, Map<String, Origin> locations, Problems problems) {
    if (split == null) {
      return;
    }
    Map<String, InputSpec> inputs = spec.model().namedInputs();
    String kind = split.source().getClass().getAnnotation(io.inscope.configs.Kind.class).value();
    String base = splitPath + "." + kind;
    if (split.source() instanceof TfrecordSpec t) {
      Set<String> declared = new TreeSet<>(t.features().keySet());
      declared.remove(t.label());
      inputs.forEach((name, in) -> {
        FeatureSpec f = t.features().get(name);
        String path = base + ".features";
        if (name.equals(t.label())) {
          problems.add(at(locations, base + ".label"), base + ".label", "the label feature '" + name
              + "' is also model.inputs." + name + "; a model input reads a feature other than the label");
        } else if (f == null) {
          problems.add(at(locations, path), path, "no feature '" + name + "' for model.inputs." + name + " (declared: "
              + String.join(", ", declared) + Suggest.didYouMean(name, declared) + "); each model input reads the feature of its name");
        } else if (elements(f.shape()) != in.elements()) {
          problems.add(at(locations, path + "." + name), path + "." + name, "feature '" + name + "' holds "
              + elements(f.shape()) + " values (shape " + f.shape() + ") but model.inputs." + name + ".shape " + in.shape()
              + " has " + in.elements());
        }
      });
    } else if (split.source() instanceof CsvSpec csv) {
      Map<String, List<String>> groups = csv.featureGroups();
      if (groups == null) {
        problems.add(at(locations, base), base, "the model has " + inputs.size() + " inputs (" + String.join(", ", inputs.keySet())
            + "); list each input's columns under feature_groups");
        return;
      }
      String path = base + ".feature_groups";
      inputs.forEach((name, in) -> {
        List<String> group = groups.get(name);
        if (group == null) {
          problems.add(at(locations, path), path, "no group '" + name + "' for model.inputs." + name + " (groups: "
              + String.join(", ", groups.keySet()) + Suggest.didYouMean(name, groups.keySet()) + ")");
        } else if (group.size() != in.elements()) {
          problems.add(at(locations, path + "." + name), path + "." + name, "lists " + group.size() + " columns but model.inputs."
              + name + ".shape " + in.shape() + " has " + in.elements() + " values");
        }
      });
      groups.keySet().stream().filter(g -> !inputs.containsKey(g)).forEach(g -> problems.add(at(locations, path + "." + g),
          path + "." + g, "group '" + g + "' feeds no model input (inputs: " + String.join(", ", inputs.keySet())
              + Suggest.didYouMean(g, inputs.keySet()) + ")"));
    } else if (!(split.source() instanceof SyntheticSpec)) {
      problems.add(at(locations, base), base, (kind.matches("[aeiou].*") ? "an " : "a ") + kind + " source gives one feature per example but the model has "
          + inputs.size() + " inputs (" + String.join(", ", inputs.keySet())
          + "); feed several inputs from tfrecord (a feature per input), csv (feature_groups) or synthetic data");
    }
  }

  private static long elements(List<Integer> shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }

  private static Origin at(Map<String, Origin> locations, String path) {
    return locations.getOrDefault(path, locations.get(""));
  }

  private static void batch(DataSplitSpec split, String splitPath, int replicas, StrategySpec strategy,
      Map<String, Origin> locations, Problems problems) {
    if (split == null || split.batchSize() % replicas == 0) {
      return;
    }
    int batch = split.batchSize();
    int below = batch / replicas * replicas;
    int above = below + replicas;
    String nearest = below == 0 ? Integer.toString(above) : below + " or " + above;
    String path = splitPath + ".batch_size";
    problems.add(at(locations, path), path, "must be divisible by the replica count " + replicas + " ("
        + TypeNames.yamlName(strategy.type()) + ") to split evenly (got " + batch + "; nearest valid: " + nearest + ")");
  }

  /** {@code batch_size × steps} examples of {@code elements} values each are staged in one array. */
  private static void staged(DataSplitSpec split, String splitPath, int steps, long elements,
      Map<String, Origin> locations, Problems problems) {
    if (split == null) {
      return;
    }
    BigInteger values = BigInteger.valueOf(split.batchSize()).multiply(BigInteger.valueOf(steps)).multiply(BigInteger.valueOf(elements));
    if (values.compareTo(BigInteger.valueOf(ShapeLimits.MAX_BATCH_VALUES)) > 0) {
      String path = splitPath + ".batch_size";
      String times = steps > 1 ? " x train.steps_per_execution " + steps : "";
      problems.add(at(locations, path), path, "too large for the input shape: batch_size " + split.batchSize() + times
          + " x " + elements + " values per example = " + values + ", more than one Java array holds ("
          + ShapeLimits.MAX_BATCH_VALUES + ")");
    }
  }
}
