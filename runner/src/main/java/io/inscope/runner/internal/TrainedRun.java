package io.inscope.runner.internal;

import io.inscope.configs.JobFileException;
import io.inscope.configs.JobLoader;
import io.inscope.configs.JobSpec;
import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.modules.checkpoint.TrainingState;
import io.inscope.runner.ExitCodes;
import io.inscope.runner.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A run directory as {@code evaluate} and {@code predict} read it: the job as it ran ({@code
 * job.resolved.yaml}, every path absolute) and its newest complete checkpoint. The job is loaded
 * on this machine's first device ({@code strategy: one_device}): a checkpoint holds one copy of each
 * variable under its logical name, whatever strategy wrote it, so a mirrored, multi-worker or TPU
 * run is evaluated without its cluster.
 *
 * @param dir the run directory
 * @param job the resolved job, on one device
 * @param resolvedText {@code job.resolved.yaml} as written
 * @param checkpoint the newest complete checkpoint's directory
 * @param state its step and epoch
 */
public record TrainedRun(Path dir, JobSpec job, String resolvedText, Path checkpoint, TrainingState state) {
  public static final String JOB_FILE = "job.resolved.yaml";
  private static final List<String> ONE_DEVICE = List.of("strategy={type: one_device}", "cluster={}");

  public static TrainedRun open(Path dir, Consumer<String> warn) throws UserException, IOException {
    Path file = dir.resolve(JOB_FILE);
    if (!Files.isDirectory(dir) || !Files.isRegularFile(file)) {
      throw new UserException(ExitCodes.USAGE, dir + ": not a run directory (no " + JOB_FILE + "); give the directory a run wrote");
    }
    Path checkpoint = new Checkpoints(dir.resolve("checkpoints"), Integer.MAX_VALUE, warn).latest().orElseThrow(() ->
        new UserException(ExitCodes.USAGE, dir + " has no usable checkpoint (checkpoints/ckpt-*); train the job first"));
    return new TrainedRun(dir, load(file), Files.readString(file), checkpoint, Checkpoints.readState(checkpoint));
  }

  /** Loads a resolved job file on one device. */
  public static JobSpec load(Path resolvedJob) throws UserException {
    try {
      return new JobLoader(System.getenv()).load(resolvedJob, ONE_DEVICE).spec();
    } catch (JobFileException e) {
      throw new UserException(ExitCodes.USAGE, e.report());
    }
  }
}
