package io.inscope.runner;

import io.inscope.configs.StepsPerExecution;
import io.inscope.runner.bench.Bench;
import io.inscope.runner.bench.BuildTimeBench;
import io.inscope.runner.bench.CnnProfile;
import io.inscope.runner.bench.ConvNetBench;
import io.inscope.runner.bench.ImageFolderBench;
import io.inscope.runner.bench.StreamBench;
import io.inscope.runner.bench.StreamMemoryBench;
import io.inscope.runner.bench.WholeRunsBench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Measures training throughput: the runner's loop against a hand-written TensorFlow Java loop. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {"Benchmark training throughput: the runner's loop and a hand-written TensorFlow Java loop",
        "on MLP-A (784-256-10, batch 128) and MLP-B (784-1024-1024-10, batch 256), Adam, in one process;",
        "the MatMul peak; the Fashion-MNIST MLP's training time; JVM start to first step; resident memory;",
        "images decoded per second from PNG class folders (image_folder).",
        "--convnets: the tutorial CNN and ResNet-20 on Fashion-MNIST, the runner and Keras side by side;",
        "--input-pipeline: streamed against pre-staged input; --stream-memory GB: resident memory streaming GB of TFRecord files;",
        "--whole-runs: whole runs for each --steps-per-execution value (1,16,auto)."})
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--steps", defaultValue = "3000", description = "timed MLP-A steps per repeat (default ${DEFAULT-VALUE}; MLP-B runs a fifteenth)")
  int steps;

  @Option(names = "--repeats", defaultValue = "3", description = "alternating repeats of each loop; the best counts (default ${DEFAULT-VALUE})")
  int repeats;

  @Option(names = "--steps-per-execution", defaultValue = "16", split = ",",
      description = "the runner's train.steps_per_execution: a number or auto (default ${DEFAULT-VALUE}); with --whole-runs a list, e.g. 1,16,auto")
  List<String> stepsPerExecution;

  @Option(names = "--whole-runs", description = {"only whole runs of --whole-runs-job for each --steps-per-execution value (e.g. 1,16,auto),",
      "--whole-runs-steps steps each, alternating --repeats times: wall and CPU seconds from graph building to the last step"})
  boolean wholeRuns;

  @Option(names = "--whole-runs-job", defaultValue = "tools/mlpa-steps-per-execution.yaml", description = "with --whole-runs: the job (default ${DEFAULT-VALUE})")
  Path wholeRunsJob;

  @Option(names = "--whole-runs-steps", defaultValue = "6000", description = "with --whole-runs: training steps per run (default ${DEFAULT-VALUE})")
  long wholeRunsSteps;

  @Option(names = "--memory-steps", defaultValue = "100000", description = "steps of the resident-memory run, 0 to skip (default ${DEFAULT-VALUE})")
  long memorySteps;

  @Option(names = "--fashion", defaultValue = "examples/fashion-mnist-mlp.yaml", description = "the Fashion-MNIST MLP job; skipped when missing (default ${DEFAULT-VALUE})")
  Path fashion;

  @Option(names = "--intra-op", defaultValue = "0", description = "intra_op threads for both loops (default ${DEFAULT-VALUE}: TensorFlow's choice)")
  int intraOp;

  @Option(names = "--inter-op", defaultValue = "0", description = "inter_op threads for both loops (default ${DEFAULT-VALUE}: TensorFlow's choice)")
  int interOp;

  @Option(names = "--image-folder", defaultValue = "runs/bench/fashion-mnist-png",
      description = "PNG class folders of Fashion-MNIST for the decoding figure; written from /usr/share/datasets/fashion-mnist when missing (default ${DEFAULT-VALUE})")
  Path imageFolder;

  @Option(names = "--profile-cnn", description = {"only a per-op profile of one training step of the tutorial CNN",
      "(conv 32 5x5, pool, conv 64 5x5, pool, dense 1024, dropout 0.4, dense 10; Adam; batch 100):",
      "kernels by op type, their count, time and share of all kernel time (RunMetadata, FULL_TRACE)"})
  boolean profileCnn;

  @Option(names = "--profile-warmup", defaultValue = "5", description = "with --profile-cnn: steps before the traced one (default ${DEFAULT-VALUE})")
  int profileWarmup;

  @Option(names = "--profile-export", paramLabel = "DIR", description = {"with --profile-cnn: also write the step's graph, session config,",
      "feeds and names under DIR, for tools/run_exported_step.py (the same graph in TensorFlow Python)"})
  Path profileExport;

  @Option(names = "--build-time", description = {"only the build time of deep residual networks (issue 14): bottleneck blocks with batch norm,",
      "Adam, steps_per_execution 2, built as runner.jar run builds them; layers, nodes, build and first-execution seconds per depth"})
  boolean buildTime;

  @Option(names = "--build-blocks", defaultValue = "4,8,17", split = ",",
      description = "with --build-time: numbers of bottleneck blocks, one job each (default ${DEFAULT-VALUE}; 17 blocks: 176 layers, ResNet-50's size)")
  List<Integer> buildBlocks;

  @Option(names = "--convnets", description = {"only the convolutional networks, the runner and Keras side by side:",
      "the tutorial CNN (batch 100) and ResNet-20 (--resnet, batch 128) on Fashion-MNIST, one epoch each;",
      "ms/step, CPU ms/step, training time, test accuracy (Keras needs --python)"})
  boolean convnets;

  @Option(names = "--models", split = ",",
      description = "with --convnets: cnn, resnet20 (default both); with --input-pipeline: mlp, cnn (default both)")
  List<String> models;

  @Option(names = "--precisions", defaultValue = "float32", split = ",",
      description = "with --convnets: precisions to run each model with (with --profile-cnn: the first): float32, mixed_bfloat16, mixed_float16 (default ${DEFAULT-VALUE})")
  List<String> precisions;

  @Option(names = "--convnet-steps", defaultValue = "0", description = "with --convnets: training steps per model, 0 for one epoch (default ${DEFAULT-VALUE})")
  long convnetSteps;

  @Option(names = "--convnet-warmup", defaultValue = "10", description = "with --convnets: steps before the timed window (default ${DEFAULT-VALUE})")
  int convnetWarmup;

  @Option(names = "--resnet", defaultValue = "examples/fashion-mnist-resnet.yaml", description = "with --convnets: the ResNet-20 job (default ${DEFAULT-VALUE})")
  Path resnet;

  @Option(names = "--fashion-data", defaultValue = "/usr/share/datasets/fashion-mnist", description = "with --convnets: Fashion-MNIST's idx files (default ${DEFAULT-VALUE})")
  Path fashionData;

  @Option(names = "--python", defaultValue = "/work/venv-tf/bin/python",
      description = "with --convnets: TensorFlow Python for the Keras side; skipped when missing (default ${DEFAULT-VALUE})")
  Path python;

  @Option(names = "--keras-script", defaultValue = "tools/keras_convnets.py", description = "with --convnets: the Keras side (default ${DEFAULT-VALUE})")
  Path kerasScript;

  @Option(names = "--data-only", description = "only the data figures (image_folder decoding), not the training loops")
  boolean dataOnly;

  @Option(names = "--input-pipeline", description = {"only streamed against pre-staged input: the Fashion-MNIST MLP and CNN examples",
      "trained from TFRecord shards with cache: false and with cache: true; steps/s, CPU per step, step-time ratio"})
  boolean inputPipeline;

  @Option(names = "--stream-memory", paramLabel = "GB", description = {"only resident memory while streaming: writes GB gigabytes of",
      "TFRecord shards under --stream-dir (a child JVM), trains an MLP one epoch over them (cache: false), prints peak VmHWM, deletes them"})
  double streamMemory;

  @Option(names = "--stream-dir", defaultValue = "runs/bench", description = "where --input-pipeline and --stream-memory write their TFRecord files (default ${DEFAULT-VALUE})")
  Path streamDir;

  @Option(names = "--keep-data", description = "with --stream-memory: keep the files written")
  boolean keepData;

  @Override
  public Integer call() throws Exception {
    if (streamMemory < 0) {
      throw new UserException(ExitCodes.USAGE, "bench: --stream-memory must be > 0 gigabytes");
    }
    if (streamMemory > 0) {
      new StreamMemoryBench(streamDir, streamMemory, keepData).run(spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    if (inputPipeline) {
      List<String> chosen = models(List.of("mlp", "cnn"));
      if (repeats < 1) {
        throw new UserException(ExitCodes.USAGE, "bench: --repeats must be >= 1");
      }
      new StreamBench(streamDir, repeats, chosen).run(spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    if (steps < 1 || repeats < 1 || memorySteps < 0 || intraOp < 0 || interOp < 0 || wholeRunsSteps < 1) {
      throw new UserException(ExitCodes.USAGE,
          "bench: --steps, --repeats and --whole-runs-steps must be >= 1; --memory-steps, --intra-op and --inter-op >= 0");
    }
    List<StepsPerExecution> spe = new ArrayList<>();
    for (String v : stepsPerExecution) {
      try {
        spe.add(StepsPerExecution.parse(v));
      } catch (IllegalArgumentException e) {
        throw new UserException(ExitCodes.USAGE, "bench: --steps-per-execution: " + e.getMessage());
      }
    }
    if (wholeRuns) {
      new WholeRunsBench(wholeRunsJob, spe, wholeRunsSteps, repeats).run(spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    if (spe.size() != 1) {
      throw new UserException(ExitCodes.USAGE, "bench: --steps-per-execution takes one value without --whole-runs (got " + stepsPerExecution + ")");
    }
    if (buildTime) {
      if (buildBlocks.stream().anyMatch(b -> b < 1)) {
        throw new UserException(ExitCodes.USAGE, "bench: --build-blocks must be >= 1");
      }
      new BuildTimeBench(buildBlocks).run(spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    if (profileCnn) {
      if (profileWarmup < 0) {
        throw new UserException(ExitCodes.USAGE, "bench: --profile-warmup must be >= 0");
      }
      new CnnProfile(profileWarmup, intraOp, interOp, precisions.get(0), profileExport).run(spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    if (convnets) {
      List<String> chosen = models(List.of("cnn", "resnet20"));
      for (String p : precisions) {
        if (!List.of("float32", "mixed_bfloat16", "mixed_float16").contains(p)) {
          throw new UserException(ExitCodes.USAGE, "bench: --precisions: unknown precision '" + p + "' (expected float32, mixed_bfloat16, mixed_float16)");
        }
      }
      if (convnetSteps < 0 || convnetWarmup < 1 || (convnetSteps > 0 && convnetWarmup >= convnetSteps)) {
        throw new UserException(ExitCodes.USAGE, "bench: --convnet-steps must be >= 0 and --convnet-warmup >= 1 and below it");
      }
      new ConvNetBench(resnet, python, kerasScript, fashionData, convnetSteps, convnetWarmup, chosen, precisions)
          .run(spec.commandLine().getOut());
      return ExitCodes.OK;
    }
    if (!dataOnly) {
      new Bench(steps, repeats, spe.get(0), memorySteps, fashion, intraOp, interOp).run(spec.commandLine().getOut());
    }
    new ImageFolderBench(imageFolder, repeats).run(spec.commandLine().getOut());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }

  /** {@code --models}, each one of {@code known} (all of them when the option is not given). */
  private List<String> models(List<String> known) throws UserException {
    if (models == null || models.isEmpty()) {
      return known;
    }
    for (String m : models) {
      if (!known.contains(m)) {
        throw new UserException(ExitCodes.USAGE, "bench: --models: unknown model '" + m + "' (expected " + String.join(", ", known) + ")");
      }
    }
    return List.copyOf(models);
  }
}
