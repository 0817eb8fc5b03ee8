package io.inscope.configs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.JobRenderer;
import io.inscope.configs.JobSpec;
import io.inscope.configs.Jobs;
import io.inscope.configs.layers.Conv2DSpec;
import io.inscope.configs.layers.DenseSpec;
import io.inscope.configs.layers.DropoutSpec;
import io.inscope.configs.layers.LayerNodeSpec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlocksTest {
  @TempDir Path dir;

  private JobSpec load(String model) throws Exception {
    return Jobs.load(Jobs.write(dir, "job.yaml", """
        version: 1
        name: t
        model:
        %s
        loss: sparse_categorical_crossentropy
        optimizer: adam
        data:
          train: {synthetic: {examples: 64, classes: 3}, batch_size: 8}
        train: {epochs: 1}
        """.formatted(model.indent(2).stripTrailing())));
  }

  private static List<String> names(JobSpec spec) {
    return spec.model().layers().stream().map(LayerNodeSpec::name).toList();
  }

  @Test
  void repeatedInstancesAreNamedAndChained() throws Exception {
    JobSpec spec = load("""
        input: {shape: [8, 8, 1]}
        blocks:
          res:
            params: {filters: 4, stride: 1}
            layers:
              - conv2d: {filters: {param: filters}, kernel_size: 3, strides: {param: stride}, padding: same}
              - conv2d: {filters: {param: filters}, kernel_size: 3, padding: same, name: second}
              - add: {inputs: [second, input]}
        layers:
          - conv2d: {filters: 4, kernel_size: 1}
          - res: {repeat: 2}
          - res: {filters: 4, name: last}
          - flatten
          - dense: {units: 3}
        """);
    assertEquals(List.of("conv2d", "res/conv2d", "res/second", "res/add", "res_1/conv2d", "res_1/second", "res_1/add",
        "last/conv2d", "last/second", "last/add", "flatten", "dense"), names(spec));
    LayerNodeSpec add1 = spec.model().layer("res_1/add");
    assertEquals(List.of("res_1/second", "res/add"), add1.inputs());
    assertEquals(List.of("res_1/add"), spec.model().layer("last/conv2d").inputs());
    assertEquals(List.of("last/add"), spec.model().layer("flatten").inputs());
    assertEquals(List.of("input"), spec.model().layer("conv2d").inputs());
    assertEquals(4, ((Conv2DSpec) spec.model().layer("res/conv2d").layer()).filters());
    assertEquals("dense", spec.model().output());
  }

  @Test
  void parametersOverrideDefaultsAndRenderShowsTheExpansion() throws Exception {
    JobSpec spec = load("""
        input: {shape: [4]}
        blocks:
          mlp:
            params: {units: 8, rate: 0.5}
            layers:
              - dense: {units: {param: units}, activation: relu}
              - dropout: {param: rate}
        layers:
          - mlp: {units: 16}
          - mlp: {rate: 0.25, repeat: 1}
          - dense: {units: 3}
        """);
    assertEquals(16, ((DenseSpec) spec.model().layer("mlp/dense").layer()).units());
    assertEquals(8, ((DenseSpec) spec.model().layer("mlp_1/dense").layer()).units());
    assertEquals(0.25, ((DropoutSpec) spec.model().layer("mlp_1/dropout").layer()).rate());
    String rendered = JobRenderer.render(spec);
    assertFalse(rendered.contains("blocks"), rendered);
    assertTrue(rendered.contains("name: mlp_1/dropout"), rendered);
    assertEquals(spec, Jobs.load(Jobs.write(dir, "rendered.yaml", rendered)));
  }

  @Test
  void aLayerReadsANamedInstanceAndTheOutputKeyPicksTheBlocksOutput() throws Exception {
    JobSpec spec = load("""
        input: {shape: [4]}
        blocks:
          two:
            output: a
            layers:
              - dense: {units: 4, name: a}
              - dense: {units: 4, name: b, inputs: input}
              - add: {inputs: [a, b]}
        layers:
          - two: {name: branch}
          - dense: {units: 3, inputs: branch}
          - add: {inputs: [dense, branch/add]}
        """);
    assertEquals(List.of("branch/a"), spec.model().layer("dense").inputs());
  }
}
