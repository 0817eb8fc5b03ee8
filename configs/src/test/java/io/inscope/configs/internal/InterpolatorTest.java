package io.inscope.configs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.JobSpec;
import io.inscope.configs.Jobs;
import io.inscope.configs.optimizers.AdamSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolatorTest {
  private static final String STEPS_JOB = Jobs.TINY.replace("train: {epochs: 1}", "train:\n  steps: ${STEPS}");

  @Test
  void aVariableIsTypedAfterSubstitution() throws Exception {
    JobSpec spec = Jobs.load(Map.of("STEPS", "1000"), STEPS_JOB);
    assertEquals(1000L, spec.train().steps());
  }

  @Test
  void theDefaultAppliesOnlyWhenTheVariableIsUnset() throws Exception {
    String yaml = Jobs.TINY.replace("optimizer: {adam: {learning_rate: 0.01}}", "optimizer:\n  adam:\n    learning_rate: ${LR:-3e-4}");
    assertEquals(3e-4, ((AdamSpec) Jobs.load(Map.of(), yaml).optimizer()).learningRate().initialValue());
    assertEquals(0.5, ((AdamSpec) Jobs.load(Map.of("LR", "0.5"), yaml).optimizer()).learningRate().initialValue());
  }

  @Test
  void anEmptyDefaultLeavesAnOptionalKeyUnset() throws Exception {
    String yaml = Jobs.TINY.replace("train: {epochs: 1}", "train:\n  epochs: 1\n  steps: ${STEPS:-}");
    assertNull(Jobs.load(Map.of(), yaml).train().steps());
  }

  @Test
  void variablesMixWithTextAndOtherVariables() throws Exception {
    String yaml = Jobs.TINY.replace("name: tiny", "name: ${PROJECT}-${RUN:-1}") + "output: /runs/${USER_DIR}/${name}\n";
    JobSpec spec = Jobs.load(Map.of("PROJECT", "iris", "USER_DIR", "ana"), yaml);
    assertEquals("iris-1", spec.name());
    assertEquals("/runs/ana/iris-1", spec.output());
  }

  @Test
  void doubledDollarWritesALiteral() throws Exception {
    JobSpec spec = Jobs.load(Map.of("HOME", "/root"), Jobs.TINY + "output: runs/$${HOME}\n");
    assertEquals("runs/${HOME}", spec.output());
  }

  @Test
  void outputDefaultsToTheRunDirectoryOfTheJobsName() throws Exception {
    assertEquals("runs/tiny", Jobs.load(Map.of("name", "not-this"), Jobs.TINY).output());
  }

  @Test
  void aQuotedVariableInAFlowMapIsTypedButNeverNull() throws Exception {
    String yaml = Jobs.TINY.replace("train: {epochs: 1}", "train: {epochs: \"${EPOCHS}\"}") + "cluster: {tpu: \"${TPU:-}\"}\n";
    JobSpec spec = Jobs.load(Map.of("EPOCHS", "3"), yaml);
    assertEquals(3, spec.train().epochs());
    assertEquals("", spec.cluster().tpu());
  }

  @Test
  void anUnquotedVariableInAFlowMapIsASyntaxErrorWithAHint() {
    String report = Jobs.errors(Map.of(), Jobs.TINY.replace("train: {epochs: 1}", "train: {epochs: ${EPOCHS}}"));
    assertTrue(report.contains("quote an interpolation inside [...] or {...}: \"${VAR}\""), report);
  }

  @Test
  void anUnsetVariableIsNamedWithItsLocation() {
    String report = Jobs.errors(Map.of("STEP", "1"), STEPS_JOB);
    assertEquals("""
        job.yaml has 1 error:
          job.yaml:11:10: train.steps: environment variable STEPS is not set (write ${STEPS:-default} to give a default; did you mean 'STEP'?)""",
        report);
  }

  @Test
  void overridesAreInterpolatedToo() throws Exception {
    JobSpec spec = new io.inscope.configs.JobLoader(Map.of("N", "7"))
        .load(Jobs.write(java.nio.file.Files.createTempDirectory("interp"), "job.yaml", Jobs.TINY), java.util.List.of("seed=${N}"))
        .spec();
    assertEquals(7, spec.seed());
  }
}
