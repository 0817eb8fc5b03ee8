package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.inscope.modules.checkpoint.Checkpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults of the machine end with sysexits codes (73 cannot create, 74 I/O error, 71 out of
 * memory), a message naming the path and the way out, the last good checkpoint kept and nothing
 * half-written. The disk is really full (a small tmpfs, or {@code /dev/full}, which fails every
 * write with ENOSPC) and really read-only (a tmpfs remounted {@code ro}); the tmpfs cases need root.
 * Out of memory (71) is {@code EnvironmentFaultsIT}: it needs a process of its own.
 */
class EnvironmentFaultsTest {
  @TempDir Path tmp;

  @Test
  void aRunDirectoryBelowAFileIsExit73() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path file = Files.writeString(tmp.resolve("afile"), "x");
    Path out = file.resolve("run");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet");
    assertEquals(ExitCodes.CANNOT_CREATE, r.exit(), r.err());
    assertEquals("cannot create or write the run directory " + out + " (" + out + ": Not a directory); make it"
        + " writable, or give --output a directory you can write", r.err().strip());
  }

  @Test
  void aReadOnlyRunDirectoryIsExit73AndKeepsItsCheckpoints() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    try (Tmpfs fs = Tmpfs.mount(tmp.resolve("mnt"), "4m")) {
      assumeTrue(fs != null, "mounting a tmpfs needs root");
      Path out = fs.dir.resolve("run");
      assertEquals(0, CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet", "--set", "train.steps=20").exit());
      fs.remount("ro");
      CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet");
      assertEquals(ExitCodes.CANNOT_CREATE, r.exit(), r.err());
      assertEquals("cannot create or write the run directory " + out + " (" + out.resolve(".lock") + ": Read-only file system);"
          + " make it writable, or give --output a directory you can write", r.err().strip());
      assertEquals(20, Checkpoints.readState(latest(out)).step());
    }
  }

  @Test
  void aFullDiskAtStartUpIsExit74AndLeavesADirectoryTheRerunAccepts() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    try (Tmpfs fs = Tmpfs.mount(tmp.resolve("mnt"), "256k")) {
      assumeTrue(fs != null, "mounting a tmpfs needs root");
      fs.fill();
      Path out = fs.dir.resolve("run");
      CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet", "--set", "train.steps=10");
      assertEquals(ExitCodes.IO_ERROR, r.exit(), r.err());
      assertTrue(r.err().startsWith("cannot write " + out), r.err());
      assertTrue(r.err().contains("No space left on device; free space on that file system (or give --output a directory on"
          + " another one) and rerun"), r.err());
      assertEquals(List.of(), names(out), "nothing half-written");

      Files.delete(fs.dir.resolve("filler"));
      CliHarness.Run rerun = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet", "--set", "train.steps=10");
      assertEquals(0, rerun.exit(), rerun.err());
    }
  }

  @Test
  void aFullDiskDuringACheckpointIsExit74KeepsTheLastGoodOneAndTheRerunResumes() throws Exception {
    // 8-8192-4 with SGD momentum: each checkpoint holds about 0.85 MB; the third does not fit in 2 MB
    Path job = CliHarness.syntheticJob(tmp, "tensorboard: {enabled: false}\n");
    String[] bigger = {"--set", "model.layers[0].dense.units=8192", "--set", "train.steps=60"};
    try (Tmpfs fs = Tmpfs.mount(tmp.resolve("mnt"), "2m")) {
      assumeTrue(fs != null, "mounting a tmpfs needs root");
      Path out = fs.dir.resolve("run");
      CliHarness.Run r = CliHarness.run(concat(new String[] {"run", job.toString(), "--output", out.toString(), "--quiet"}, bigger));
      assertEquals(ExitCodes.IO_ERROR, r.exit(), r.err());
      assertTrue(r.err().startsWith("cannot write " + out.resolve("checkpoints")), r.err());
      assertTrue(r.err().contains("No space left on device") && r.err().contains("free space"), r.err());
      assertFalse(r.err().contains("\tat "), r.err());
      long kept = Checkpoints.readState(latest(out)).step();
      assertTrue(kept >= 10 && kept < 60, "the last good checkpoint: " + kept);
      assertTrue(names(out.resolve("checkpoints")).stream().noneMatch(n -> n.startsWith(".tmp")),
          "no half-written checkpoint: " + names(out.resolve("checkpoints")));

      fs.remount("size=16m");
      CliHarness.Run rerun = CliHarness.run(concat(new String[] {"run", job.toString(), "--output", out.toString()}, bigger));
      assertEquals(0, rerun.exit(), rerun.err());
      assertTrue(rerun.err().contains("(step " + kept + ")"), rerun.err());
    }
  }

  @Test
  void aFullDiskWhileWritingMetricsIsExit74AndKeepsTheCheckpoint() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(out.resolve(".inscope-run"), "");
    // every write to /dev/full fails with ENOSPC: the disk is full exactly when metrics are written
    Files.createSymbolicLink(out.resolve("metrics.jsonl"), Path.of("/dev/full"));
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet");
    assertEquals(ExitCodes.IO_ERROR, r.exit(), r.err());
    assertEquals("cannot write " + out.resolve("metrics.jsonl") + ": No space left on device; free space on that file"
        + " system (or give --output a directory on another one) and rerun: it resumes from the last complete"
        + " checkpoint, which is kept", r.err().strip());
    assertEquals(10, Checkpoints.readState(latest(out)).step(), "the first log (step 20) failed; step 10 was saved");
  }

  private static String[] concat(String[] a, String[] b) {
    return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
  }

  private static List<String> names(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Path latest(Path runDir) throws Exception {
    return new Checkpoints(runDir.resolve("checkpoints"), 100, w -> {}).latest().orElseThrow();
  }
}
