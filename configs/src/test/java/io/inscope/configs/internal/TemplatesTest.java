package io.inscope.configs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.inscope.configs.JobSpec;
import io.inscope.configs.Jobs;
import io.inscope.configs.data.CsvSpec;
import io.inscope.configs.data.SyntheticSpec;
import io.inscope.configs.layers.DenseSpec;
import io.inscope.configs.optimizers.AdamSpec;
import io.inscope.configs.optimizers.SgdSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {
  @TempDir Path dir;

  private static final String BASE = """
      version: 1
      name: base
      seed: 1
      model:
        input: {shape: [4]}
        layers:
          - dense: {units: 8, activation: relu}
          - dense: {units: 3}
      loss: sparse_categorical_crossentropy
      optimizer: {adam: {learning_rate: 0.01, beta_1: 0.8}}
      data:
        train: {synthetic: {examples: 64, classes: 3}, shuffle: 64, batch_size: 8}
      train: {epochs: 1, log_every_steps: 5}
      """;

  private JobSpec child(String text) throws Exception {
    Jobs.write(dir, "base.yaml", BASE);
    return Jobs.load(Jobs.write(dir, "child.yaml", "extends: base.yaml\n" + text));
  }

  @Test
  void mapsMergeKeyByKey() throws Exception {
    JobSpec spec = child("optimizer: {adam: {learning_rate: 0.5}}\ntrain: {epochs: 3}\n");
    assertEquals(new AdamSpec(0.5, 0.8, 0.999, 1e-7), spec.optimizer());
    assertEquals(3, spec.train().epochs());
    assertEquals(5, spec.train().logEverySteps());
    assertEquals(1, spec.seed());
  }

  @Test
  void listsAndScalarsReplace() throws Exception {
    JobSpec spec = child("name: child\nmodel: {layers: [{dense: {units: 2}}]}\n");
    assertEquals("child", spec.name());
    assertEquals(1, spec.model().layers().size());
    assertEquals(2, ((DenseSpec) spec.model().layers().get(0).layer()).units());
    assertEquals(4, spec.model().input().shape().get(0));
  }

  @Test
  void aDifferentKindReplacesTheBasesKind() throws Exception {
    JobSpec spec = child("optimizer: {sgd: {momentum: 0.9}}\n");
    assertEquals(new SgdSpec(0.01, 0.9, false), spec.optimizer());
  }

  @Test
  void aBareKindReplacesTheBasesArguments() throws Exception {
    assertEquals(new AdamSpec(0.001, 0.9, 0.999, 1e-7), child("optimizer: adam\n").optimizer());
  }

  @Test
  void anInlineSourceReplacesTheBasesSourceAndKeepsItsSiblings() throws Exception {
    Jobs.write(dir, "iris.csv", "a,label\n1,0\n");
    JobSpec spec = child("data: {train: {csv: {path: iris.csv, label: label}}}\n");
    assertInstanceOf(CsvSpec.class, spec.data().train().source());
    assertEquals(64, spec.data().train().shuffle());
    assertEquals(8, spec.data().train().batchSize());
  }

  @Test
  void theSameInlineSourceMergesItsArguments() throws Exception {
    JobSpec spec = child("data: {train: {synthetic: {examples: 128}}}\n");
    assertEquals(new SyntheticSpec(128, 3), spec.data().train().source());
  }

  @Test
  void chainsMergeInOrderAndExtendsMayBeInAnyFile() throws Exception {
    Jobs.write(dir, "templates/base.yaml", BASE);
    Jobs.write(dir, "templates/middle.yaml", "seed: 2\nextends: base.yaml\ntrain: {epochs: 2}\n");
    JobSpec spec = Jobs.load(Jobs.write(dir, "jobs/leaf.yaml", "extends: ../templates/middle.yaml\ntrain: {steps: 100, epochs: null}\n"));
    assertEquals(2, spec.seed());
    assertEquals(100L, spec.train().steps());
    assertEquals(null, spec.train().epochs());
  }

  @Test
  void anExtendsPathMayComeFromTheEnvironment() throws Exception {
    Jobs.write(dir, "base.yaml", BASE);
    Path child = Jobs.write(dir, "child.yaml", "extends: ${BASE:-base.yaml}\nname: env\n");
    assertEquals("env", new io.inscope.configs.JobLoader(java.util.Map.of()).load(child, java.util.List.of()).spec().name());
  }
}
