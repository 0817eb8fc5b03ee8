package io.inscope.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.runner.ExitCodes;
import io.inscope.runner.UserException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirectoryTest {
  @TempDir Path tmp;

  @Test
  void aLockHeldByALiveProcessFailsFastAndOneLeftByAKilledProcessIsTakenOver() throws Exception {
    Path dir = tmp.resolve("run");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), dir.toString())
        .redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()));
      assertEquals("locked", out.readLine());
      String pid = Long.toString(child.pid());
      UserException busy = assertThrows(UserException.class, () -> RunDirectory.acquire(dir));
      assertEquals(ExitCodes.USAGE, busy.exitCode());
      assertTrue(busy.getMessage().contains("in use by another run (pid " + pid + ")"), busy.getMessage());

      child.destroyForcibly(); // SIGKILL: the .lock file stays, its OS lock goes with the process
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      assertTrue(Files.exists(dir.resolve(".lock")));
      try (RunDirectory run = RunDirectory.acquire(dir)) {
        assertEquals(Optional.of(pid), run.staleOwner());
      }
      assertFalse(Files.exists(dir.resolve(".lock")));
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void temporaryFilesOfAnUnfinishedWriteAreRemovedOnAcquireAndOnlyThose() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(dir.resolve(RunDirectory.MARKER), "");
    Files.writeString(dir.resolve(".provenance.json4102934857710233.tmp"), "{");
    Files.writeString(dir.resolve(".notes.tmp"), "mine");
    try (RunDirectory run = RunDirectory.acquire(dir)) {
      assertEquals(Optional.empty(), run.staleOwner());
      run.writeAtomically("provenance.json", "{}\n");
    }
    try (var files = Files.list(dir)) {
      assertEquals(java.util.List.of(".inscope-run", ".notes.tmp", "provenance.json"),
          files.map(f -> f.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void aNonEmptyDirectoryThatIsNoRunDirectoryIsRefusedUntouched() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(dir.resolve(".notes.tmp"), "draft");
    Files.writeString(dir.resolve(".lock"), "4242\n");
    Files.writeString(dir.resolve("metrics.jsonl"), "{\"mine\":1}\n");
    UserException e = assertThrows(UserException.class, () -> RunDirectory.acquire(dir));
    assertEquals(ExitCodes.USAGE, e.exitCode());
    assertEquals(dir + " is not empty and is not a run directory (it has no .inscope-run); a run would overwrite"
        + " and delete files there. Give --output a new or empty directory, or the directory of an earlier run", e.getMessage());
    assertEquals("draft", Files.readString(dir.resolve(".notes.tmp")));
    assertEquals("4242\n", Files.readString(dir.resolve(".lock")));
    assertEquals("{\"mine\":1}\n", Files.readString(dir.resolve("metrics.jsonl")));
    try (var files = Files.list(dir)) {
      assertEquals(3, files.count());
    }
  }

  @Test
  void anEmptyDirectoryOneWithOnlyAnUnfinishedMarkerAndARunDirectoryFromBeforeTheMarkerAreAccepted() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    try (RunDirectory run = RunDirectory.acquire(empty)) {
      assertTrue(Files.exists(empty.resolve(RunDirectory.MARKER)));
    }
    Path killed = Files.createDirectories(tmp.resolve("killed"));
    Files.writeString(killed.resolve(".inscope-run1234567890123.tmp"), "");
    try (RunDirectory run = RunDirectory.acquire(killed)) {
      assertTrue(Files.exists(killed.resolve(RunDirectory.MARKER)), "a run killed while writing its marker left its directory usable");
    }
    try (var files = Files.list(killed)) {
      assertEquals(java.util.List.of(".inscope-run"), files.map(f -> f.getFileName().toString()).toList());
    }
    Path old = Files.createDirectories(tmp.resolve("old"));
    Files.writeString(old.resolve("job.resolved.yaml"), "version: 1\n");
    try (RunDirectory run = RunDirectory.acquire(old)) {
      assertTrue(RunDirectory.isRunDirectory(old));
    }
  }
}
