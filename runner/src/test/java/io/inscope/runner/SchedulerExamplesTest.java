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
  @SuppressWarnings("unchecked")
  void tfJobRunsTheSameCommandOnTheChiefAndEveryWorker() throws Exception {
    String text = Files.readString(DIR.resolve("tfjob.yaml"));
    Map<String, Object> tfJob = new Yaml().load(text);
    assertEquals("kubeflow.org/v1", tfJob.get("apiVersion"));
    assertEquals("TFJob", tfJob.get("kind"));
    Map<String, Object> replicas = (Map<String, Object>) ((Map<String, Object>) tfJob.get("spec")).get("tfReplicaSpecs");
    assertEquals(List.of("Chief", "Worker"), List.copyOf(replicas.keySet()));
    assertEquals(1, ((Map<String, Object>) replicas.get("Chief")).get("replicas"));
    assertTrue((Integer) ((Map<String, Object>) replicas.get("Worker")).get("replicas") >= 1);
    List<String> command = null;
    for (Object replica : replicas.values()) {
      Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) replica).get("template")).get("spec");
      Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
      List<String> c = (List<String>) container.get("command");
      if (command != null) {
        assertEquals(command, c, "every replica runs the same command");
      }
      command = c;
      String jobsVolume = null;
      for (Map<String, Object> mount : (List<Map<String, Object>>) container.get("volumeMounts")) {
        if ("/jobs".equals(mount.get("mountPath"))) {
          jobsVolume = (String) mount.get("name");
        }
      }
      assertTrue(jobsVolume != null, "the job file is mounted at /jobs");
      boolean fromConfigMap = false;
      for (Map<String, Object> volume : (List<Map<String, Object>>) pod.get("volumes")) {
        fromConfigMap |= jobsVolume.equals(volume.get("name")) && volume.containsKey("configMap");
      }
      assertTrue(fromConfigMap, "the job file comes from a ConfigMap");
    }
    assertEquals(List.of("java", "-jar", "/app/runner.jar", "run", "/jobs/job.yaml"), command.subList(0, 5));
    Matcher configMap = Pattern.compile("--from-file=job.yaml=([\\w./-]+\\.yaml)").matcher(text);
    assertTrue(configMap.find(), "the comment names the job file the ConfigMap holds");
    List<String> sets = new ArrayList<>();
    for (int i = 5; i < command.size(); i++) {
      if (command.get(i).equals("--set")) {
        sets.add(command.get(++i));
      }
    }
    io.inscope.configs.JobSpec job = JobOptions.load(Path.of("..").resolve(configMap.group(1)), sets).spec();
    assertEquals(io.inscope.configs.StrategyType.MULTI_WORKER_MIRRORED, job.strategy().type());
    assertEquals(null, job.cluster().workers(), "the cluster comes from TF_CONFIG");
    int tasks = 1 + (Integer) ((Map<String, Object>) replicas.get("Worker")).get("replicas");
    int perTask = job.strategy().replicas() == null ? 1 : job.strategy().replicas();
    assertEquals(0, job.data().train().batchSize() % (tasks * perTask), "batch_size divides by the replicas");
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
