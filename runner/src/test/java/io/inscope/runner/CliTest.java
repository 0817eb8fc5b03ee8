package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path tmp;

  @Test
  void aMistypedSubcommandIsAUsageErrorWithASuggestionNotATrainingRun() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "output: " + tmp.resolve("runs") + "\n");
    CliHarness.Run r = CliHarness.run("chek", job.toString());
    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    assertTrue(r.err().startsWith("unknown command 'chek' (did you mean 'check'?)"), r.err());
    assertFalse(Files.exists(tmp.resolve("runs")), "nothing was trained");
  }

  @Test
  void aJobFileNamedLikeASubcommandStillRuns() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path named = Files.move(job, tmp.resolve("chek"));
    assertEquals(null, Cli.mistypedCommand(new picocli.CommandLine(new Cli()), new String[] {named.toString()}));
    String cwdRelative = "chek";
    assertEquals("check", Cli.mistypedCommand(new picocli.CommandLine(new Cli()), new String[] {cwdRelative}),
        "no file 'chek' in the working directory");
  }

  @Test
  void noArgumentsPrintTheUsageAndExit2() {
    CliHarness.Run r = CliHarness.run();
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("Usage: runner.jar"), r.err());
    assertTrue(r.err().contains("Exit codes:"), r.err());
  }

  @Test
  void helpStillExits0() {
    assertEquals(0, CliHarness.run("--help").exit());
  }
}
