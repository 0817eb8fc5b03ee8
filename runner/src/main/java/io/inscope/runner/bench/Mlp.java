package io.inscope.runner.bench;

import io.inscope.configs.StepsPerExecution;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A benchmark model: a ReLU MLP over flat inputs trained with Adam on sparse labels.
 *
 * @param name as printed (MLP-A, MLP-B)
 * @param widths input width, hidden widths, classes: {@code [784, 256, 10]}
 * @param batch the global batch
 */
public record Mlp(String name, List<Integer> widths, int batch) {
  public static final Mlp A = new Mlp("MLP-A", List.of(784, 256, 10), 128);
  public static final Mlp B = new Mlp("MLP-B", List.of(784, 1024, 1024, 10), 256);

  public Mlp {
    widths = List.copyOf(widths);
  }

  public int inputs() {
    return widths.get(0);
  }

  public int classes() {
    return widths.get(widths.size() - 1);
  }

  /**
   * MatMul FLOPs of one training step: forward {@code 2·B·in·out} per layer, the weight gradient
   * as much again, and the input gradient for every layer but the first (no gradient flows into
   * the data).
   */
  public double flopsPerStep() {
    double flops = 0;
    for (int i = 0; i + 1 < widths.size(); i++) {
      double layer = 2.0 * batch * widths.get(i) * widths.get(i + 1);
      flops += i == 0 ? 2 * layer : 3 * layer;
    }
    return flops;
  }

  /** {@code 784-256-10} */
  public String shape() {
    return widths.stream().map(String::valueOf).collect(Collectors.joining("-"));
  }

  /** The job file of this model on synthetic data, for the runner's loop. */
  public String jobYaml(long steps, StepsPerExecution stepsPerExecution, int examples, int intraOp, int interOp) {
    List<String> layers = new ArrayList<>();
    for (int i = 1; i + 1 < widths.size(); i++) {
      layers.add("    - dense: {units: " + widths.get(i) + ", activation: relu}");
    }
    layers.add("    - dense: {units: " + classes() + "}");
    return String.join("\n",
        "version: 1",
        "name: bench-" + name.toLowerCase(java.util.Locale.ROOT),
        "model:",
        "  input: {shape: [" + inputs() + "]}",
        "  layers:",
        String.join("\n", layers),
        "loss: {sparse_categorical_crossentropy: {from_logits: true}}",
        "optimizer: {adam: {learning_rate: 0.001}}",
        "data:",
        "  train: {synthetic: {examples: " + examples + ", classes: " + classes() + "}, shuffle: 0, batch_size: " + batch + "}",
        "train:",
        "  steps: " + steps,
        "  steps_per_execution: " + stepsPerExecution,
        "  log_every_steps: " + steps,
        "  eval_every: never",
        "  threads: {intra_op: " + intraOp + ", inter_op: " + interOp + "}",
        "checkpoint: {every: never, keep: 1}",
        "");
  }
}
