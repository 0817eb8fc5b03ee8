package io.inscope.runner;

import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.runner.internal.CheckpointReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists the variables of a run directory's latest checkpoint with shape, dtype and a checksum. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "List the variables of the latest checkpoint of RUN_DIR: name, shape, dtype, checksum.")
public final class InspectCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN_DIR") Path runDir;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(runDir)) {
      throw new UserException(ExitCodes.USAGE, runDir + ": no such run directory");
    }
    Optional<Path> latest = new Checkpoints(runDir.resolve("checkpoints"), Integer.MAX_VALUE, w -> err.println("warning: " + w)).latest();
    if (latest.isEmpty()) {
      throw new UserException(ExitCodes.USAGE, runDir + " has no usable checkpoint (checkpoints/ckpt-*)");
    }
    out.printf("checkpoint: %s (step %d)%n", latest.get(), Checkpoints.readState(latest.get()).step());
    out.printf("%-32s %-14s %-8s %s%n", "variable", "shape", "dtype", "sha256 (first 16)");
    for (CheckpointReader.Entry e : CheckpointReader.read(latest.get())) {
      out.printf("%-32s %-14s %-8s %s%n", e.name(), e.shape(), e.dtype(), e.checksum());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
