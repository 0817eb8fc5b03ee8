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
  void temporaryFilesOfAnUnfinishedWriteAreRemovedOnAcquire() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("run"));
    Files.writeString(dir.resolve(".provenance.json123.tmp"), "{");
    try (RunDirectory run = RunDirectory.acquire(dir)) {
      assertEquals(Optional.empty(), run.staleOwner());
      run.writeAtomically("provenance.json", "{}\n");
    }
    try (var files = Files.list(dir)) {
      assertEquals(java.util.List.of("provenance.json"), files.map(f -> f.getFileName().toString()).toList());
    }
  }
}
