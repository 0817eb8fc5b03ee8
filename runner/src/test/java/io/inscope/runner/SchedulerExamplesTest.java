package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** examples/scheduler: the exit codes they act on are the runner's, and their --set overrides are valid. */
class SchedulerExamplesTest {
  private static final Path DIR = Path.of("..", "examples", "scheduler");
  private static final Path JOB = Path.of("..", "examples", "iris.yaml");

  @Test
  @SuppressWarnings("unchecked")
  void kubernetesJobIgnoresExit75AndFailsOnExit2And3() throws Exception {
    String text = Files.readString(DIR.resolve("kubernetes-job.yaml"));
    Map<String, Object> job = new Yaml().load(text);
    Map<String, Object> spec = (Map<String, Object>) job.get("spec");
    List<Map<String, Object>> rules = (List<Map<String, Object>>) ((Map<String, Object>) spec.get("podFailurePolicy")).get("rules");
    assertEquals(List.of(ExitCodes.INTERRUPTED), codes(rules.get(0), "Ignore"));
    assertEquals(List.of(ExitCodes.USAGE, ExitCodes.DIVERGED), codes(rules.get(1), "FailJob"));
    Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template")).get("spec");
    assertEquals("Never", pod.get("restartPolicy"), "podFailurePolicy needs restartPolicy: Never");
    int grace = (Integer) pod.get("terminationGracePeriodSeconds");
    assertTrue(grace > seconds(text, "train.grace_period=(\\d+)s"), "the pod's grace must outlast the runner's");
    assertOverridesAreValid(text);
  }

  @Test
  void slurmScriptRequeuesResumableCodesAndSignalsBeforeTheGracePeriodRunsOut() throws Exception {
    Path script = DIR.resolve("slurm.sbatch");
    String text = Files.readString(script);
    Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, bash.exitValue(), new String(bash.getInputStream().readAllBytes()));
    assertTrue(text.contains(ExitCodes.INTERRUPTED + " | " + ExitCodes.STOP_TIMED_OUT + " | " + ExitCodes.UNAVAILABLE + ")"));
    assertTrue(seconds(text, "--signal=TERM@(\\d+)") > seconds(text, "train.grace_period=(\\d+)s"));
    assertOverridesAreValid(text);
  }

  @Test
  void crontabOverridesAreValid() throws Exception {
    assertOverridesAreValid(Files.readString(DIR.resolve("crontab.txt")));
  }

  @SuppressWarnings("unchecked")
  private static List<Integer> codes(Map<String, Object> rule, String action) {
    assertEquals(action, rule.get("action"));
    return (List<Integer>) ((Map<String, Object>) rule.get("onExitCodes")).get("values");
  }

  private static long seconds(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), regex);
    return Long.parseLong(m.group(1));
  }

  private static void assertOverridesAreValid(String text) throws Exception {
    List<String> sets = new ArrayList<>();
    Matcher m = Pattern.compile("--set[\\s\\n-]+(\\S+=\\S+)").matcher(text);
    while (m.find()) {
      sets.add(m.group(1));
    }
    assertTrue(!sets.isEmpty(), "no --set found");
    JobOptions.load(JOB, sets);
  }
}
