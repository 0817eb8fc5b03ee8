package io.inscope.runner;

import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.runner.internal.CheckpointReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Lists the variables of a run directory's latest checkpoint with shape, dtype, a checksum (first
 * 16 hex digits of SHA-256 over the tensor's bytes), the values in brief (a scalar's value, such as
 * the global step; min, max and mean of the others), and the checksum each replica's component had
 * when the checkpoint was written: all equal when the replicas never drifted.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "List the variables of the latest checkpoint of RUN_DIR: name, shape, dtype, checksum, value or min/max/mean.")
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
    Map<String, List<String>> replicas = Checkpoints.readReplicaChecksums(latest.get());
    List<CheckpointReader.Entry> entries = CheckpointReader.read(latest.get());
    int width = "values".length();
    for (CheckpointReader.Entry e : entries) {
      width = Math.max(width, values(e).length());
    }
    String row = "%-32s %-14s %-8s %-17s %-" + width + "s %s%n";
    out.printf(row, "variable", "shape", "dtype", "checksum", "values", "per replica at save");
    for (CheckpointReader.Entry e : entries) {
      out.printf(row, e.name(), e.shape(), e.dtype(), e.checksum(), values(e),
          String.join(" ", replicas.getOrDefault(e.name(), List.of())));
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static String values(CheckpointReader.Entry e) {
    return e.stats().text(e.shape().numDimensions() == 0);
  }
}
