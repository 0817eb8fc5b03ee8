package io.inscope.runner;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the CLI in-process and keeps what it printed. */
final class CliHarness {
  record Run(int exit, String out, String err) {}

  private CliHarness() {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Cli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * A small synthetic classification job (SGD with momentum) written to {@code dir/job.yaml}. It
   * evaluates at step 60 and, as every schedule but {@code never} does, after its last step.
   */
  static Path syntheticJob(Path dir, String extra) throws IOException {
    String yaml = """
        version: 1
        name: synth
        seed: 5
        variables:
          - {name: global_step, shape: [], dtype: int64, initializer: zeros, trainable: false}
        model:
          input: {shape: [8]}
          layers:
            - dense: {units: 16, activation: relu}
            - dense: {units: 4}
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        metrics: [accuracy]
        optimizer: {sgd: {learning_rate: 0.05, momentum: 0.9}}
        data:
          train: {synthetic: {examples: 320, classes: 4}, shuffle: 320, batch_size: 32}
          eval: {synthetic: {examples: 64, classes: 4}, batch_size: 64}
        train: {steps: 60, log_every_steps: 20, eval_every: 60}
        checkpoint: {every_steps: 10, keep: 2}
        """ + extra;
    Path job = dir.resolve("job.yaml");
    Files.writeString(job, yaml);
    return job;
  }
}
