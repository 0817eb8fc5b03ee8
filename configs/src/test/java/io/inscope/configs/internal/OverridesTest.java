package io.inscope.configs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.JobFileException;
import io.inscope.configs.JobSpec;
import io.inscope.configs.Jobs;
import io.inscope.configs.StrategyType;
import io.inscope.configs.layers.DenseSpec;
import io.inscope.configs.optimizers.AdamSpec;
import io.inscope.configs.optimizers.SgdSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverridesTest {
  @TempDir Path dir;

  private JobSpec set(String... overrides) throws JobFileException {
    return Jobs.load(Jobs.write(dir, "job.yaml", Jobs.TINY), overrides);
  }

  @Test
  void setsScalarsTypedAsYaml() throws Exception {
    JobSpec spec = set("optimizer.adam.learning_rate=3e-4", "strategy.type=mirrored", "train.epochs=7");
    assertEquals(3e-4, ((AdamSpec) spec.optimizer()).learningRate().initialValue());
    assertEquals(StrategyType.MIRRORED, spec.strategy().type());
    assertEquals(7, spec.train().epochs());
  }

  @Test
  void settingOneOfAnExclusivePairReplacesTheOther() throws Exception {
    JobSpec steps = set("train.steps=500");
    assertEquals(500L, steps.train().steps());
    assertEquals(null, steps.train().epochs(), "steps replaced epochs instead of failing with 'set exactly one'");
    JobSpec back = set("train.steps=500", "train.epochs=3");
    assertEquals(3, back.train().epochs());
    assertEquals(null, back.train().steps());
    assertEquals(1, set("train.log_every_steps=7").train().epochs(), "other keys leave the pair alone");
  }

  @Test
  void indexesLists() throws Exception {
    DenseSpec second = (DenseSpec) set("model.layers[1].dense.units=256").model().layers().get(1).layer();
    assertEquals(256, second.units());
  }

  @Test
  void takesFlowValuesAndCreatesMissingMaps() throws Exception {
    JobSpec spec = set("cluster.workers=[10.0.0.1:2222,10.0.0.2:2222]", "model.input.shape=[2, 2]", "data.eval={synthetic: 32, batch_size: 4}");
    assertEquals(List.of("10.0.0.1:2222", "10.0.0.2:2222"), spec.cluster().workers());
    assertEquals(List.of(2, 2), spec.model().input().shape());
    assertEquals(4, spec.data().eval().batchSize());
  }

  @Test
  void laterOverridesWin() throws Exception {
    assertEquals(9, set("seed=1", "seed=9").seed());
  }

  @Test
  void aNewKindReplacesTheOldOne() throws Exception {
    assertEquals(new SgdSpec(0.01, 0.9, false), set("optimizer.sgd.momentum=0.9").optimizer());
    assertEquals(new SgdSpec(0.01, 0.0, false), set("optimizer=sgd").optimizer());
  }

  @Test
  void setsArgumentsOfABareKind() throws Exception {
    Path job = Jobs.write(dir, "bare.yaml", Jobs.TINY.replace("{adam: {learning_rate: 0.01}}", "sgd"));
    assertEquals(new SgdSpec(0.1, 0.0, false), Jobs.load(job, "optimizer.sgd.learning_rate=0.1").optimizer());
  }

  @Test
  void filePathsFromTheCommandLineResolveAgainstTheWorkingDirectory() throws Exception {
    Path csv = Path.of("target/overrides-test.csv").toAbsolutePath();
    java.nio.file.Files.createDirectories(csv.getParent());
    java.nio.file.Files.writeString(csv, "x,label\n1,0\n");
    JobSpec spec = set("data.train={csv: {path: target/overrides-test.csv, label: label}, batch_size: 2}");
    assertEquals(csv.toString(), ((io.inscope.configs.data.CsvSpec) spec.data().train().source()).path());
  }

  @Test
  void parsesPaths() {
    assertEquals(List.of("model", "layers", 1, "dense", "units"), Overrides.parsePath("model.layers[1].dense.units"));
    assertEquals(List.of("a", 0, 2), Overrides.parsePath("a[0][2]"));
    assertEquals(null, Overrides.parsePath("a..b"));
    assertEquals(null, Overrides.parsePath("a[x]"));
    assertEquals(null, Overrides.parsePath(""));
  }

  @Test
  void anOverrideErrorNamesTheOverride() {
    JobFileException e = org.junit.jupiter.api.Assertions.assertThrows(JobFileException.class,
        () -> set("optimizer.adam.learning_rate=-0.1"));
    assertEquals("--set optimizer.adam.learning_rate: must be > 0 (got -0.1)", e.errors().get(0).format());
    assertTrue(e.report().startsWith(dir.resolve("job.yaml") + " has 1 error:"));
  }
}
