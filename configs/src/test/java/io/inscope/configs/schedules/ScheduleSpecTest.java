package io.inscope.configs.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.JobLoader;
import io.inscope.configs.JobRenderer;
import io.inscope.configs.JobSpec;
import io.inscope.configs.Jobs;
import io.inscope.configs.MonitorMode;
import io.inscope.configs.optimizers.AdamwSpec;
import io.inscope.configs.optimizers.SgdSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A learning rate binds from a number or a schedule kind, and renders back to what loads equal. */
class ScheduleSpecTest {

  private static JobSpec load(String optimizer) throws Exception {
    return Jobs.load(Map.of(), Jobs.TINY.replace("optimizer: {adam: {learning_rate: 0.01}}", "optimizer: " + optimizer)
        .replace("batch_size: 8}", "batch_size: 8}\n  eval: {synthetic: {examples: 16, classes: 3}, batch_size: 8}")
        + "metrics: [accuracy]\n");
  }

  private static void rendersBack(JobSpec spec) throws Exception {
    String rendered = JobRenderer.render(spec);
    assertEquals(spec, new JobLoader(Map.of()).loadResolved(rendered, Path.of("r.yaml")).spec(), rendered);
  }

  @Test
  void aNumberIsAConstantRateAndRendersAsANumber() throws Exception {
    JobSpec spec = load("{sgd: {learning_rate: 0.5}}");
    assertEquals(new ConstantScheduleSpec(0.5, 0), spec.optimizer().learningRate());
    assertTrue(JobRenderer.render(spec).contains("learning_rate: 0.5\n"), JobRenderer.render(spec));
    rendersBack(spec);
    assertEquals(ScheduleSpec.constant(0.01), load("sgd").optimizer().learningRate());
  }

  @Test
  void everyScheduleKindBindsAndRendersBack() throws Exception {
    JobSpec cosine = load("{adamw: {learning_rate: {cosine_decay: {initial: 1e-3, decay_steps: 10000, warmup_steps: 500}}}}");
    assertEquals(new CosineDecaySpec(1e-3, 10000, 0.0, 500), cosine.optimizer().learningRate());
    assertEquals(0.004, ((AdamwSpec) cosine.optimizer()).weightDecay());
    rendersBack(cosine);
    JobSpec exp = load("{sgd: {learning_rate: {exponential_decay: {initial: 0.1, decay_steps: 10, decay_rate: 0.5, staircase: true}}}}");
    assertEquals(new ExponentialDecaySpec(0.1, 10, 0.5, true, 0), exp.optimizer().learningRate());
    rendersBack(exp);
    JobSpec pw = load("{sgd: {learning_rate: {piecewise_constant: {boundaries: [10, 20], values: [0.1, 0.01, 0.001]}}}}");
    assertEquals(new PiecewiseConstantSpec(List.of(10L, 20L), List.of(0.1, 0.01, 0.001), 0), pw.optimizer().learningRate());
    rendersBack(pw);
    JobSpec poly = load("{sgd: {learning_rate: {polynomial_decay: {initial: 0.1, decay_steps: 10, cycle: true}}}}");
    assertEquals(new PolynomialDecaySpec(0.1, 10, 1e-4, 1.0, true, 0), poly.optimizer().learningRate());
    rendersBack(poly);
    JobSpec plateau = load("{adam: {learning_rate: {reduce_on_plateau: {initial: 0.01, monitor: eval.accuracy, patience: 2}}}}");
    ReduceOnPlateauSpec p = (ReduceOnPlateauSpec) plateau.optimizer().learningRate();
    assertEquals(new ReduceOnPlateauSpec(0.01, "eval.accuracy", MonitorMode.AUTO, 0.1, 2, 1e-4, 0, 0.0, 0), p);
    assertTrue(p.maximizes(), "auto mode maximizes accuracy");
    rendersBack(plateau);
    JobSpec warm = load("{sgd: {learning_rate: {constant: {value: 0.1, warmup_steps: 5}}, clipnorm: 1.0, weight_decay: 0.01}}");
    assertEquals(new ConstantScheduleSpec(0.1, 5), warm.optimizer().learningRate());
    assertEquals(1.0, warm.optimizer().clipnorm());
    assertEquals(0.01, ((SgdSpec) warm.optimizer()).weightDecay());
    rendersBack(warm);
  }

  @Test
  void anOverrideSetsANumberOrAScheduleKey() throws Exception {
    Path dir = java.nio.file.Files.createTempDirectory("schedules");
    Path job = Jobs.write(dir, "job.yaml", Jobs.TINY);
    assertEquals(ScheduleSpec.constant(3e-4),
        Jobs.load(job, "optimizer.adam.learning_rate=3e-4").optimizer().learningRate());
    assertEquals(new CosineDecaySpec(0.1, 100, 0.0, 0),
        Jobs.load(job, "optimizer.adam.learning_rate={cosine_decay: {initial: 0.1, decay_steps: 100}}").optimizer().learningRate());
  }
}
