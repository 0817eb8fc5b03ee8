package io.inscope.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inscope.configs.layers.DenseSpec;
import io.inscope.configs.layers.FlattenSpec;
import io.inscope.configs.layers.LayerNodeSpec;
import io.inscope.configs.regularizers.L1L2Spec;
import io.inscope.configs.regularizers.L1Spec;
import io.inscope.configs.regularizers.L2Spec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSpecTest {
  @TempDir Path dir;

  private static LayerNodeSpec node(String name, List<String> inputs) {
    return new LayerNodeSpec(new FlattenSpec(), name, inputs, true, null, null);
  }

  @Test
  void defaultNamesSkipWrittenOnesAndDefaultInputsChain() {
    DenseSpec d = new DenseSpec(3, Activation.LINEAR, true, null, null);
    ModelSpec m = new ModelSpec(new InputSpec(List.of(4), DType.FLOAT32), List.of(
        LayerNodeSpec.of(d), new LayerNodeSpec(d, "dense", null, true, null, null), LayerNodeSpec.of(d)), null);
    assertEquals(List.of("dense_1", "dense", "dense_2"), m.layers().stream().map(LayerNodeSpec::name).toList());
    assertEquals(List.of("dense_1"), m.layers().get(1).inputs());
    assertEquals("dense_2", m.output());
  }

  @Test
  void topologicalOrderPutsInputsFirstAndRefusesCycles() {
    ModelSpec m = new ModelSpec(new InputSpec(List.of(4), DType.FLOAT32), List.of(
        node("c", List.of("a", "b")), node("b", List.of("a")), node("a", List.of("input"))), "c");
    assertEquals(List.of("a", "b", "c"), m.topologicalOrder().stream().map(LayerNodeSpec::name).toList());
    ModelSpec cyclic = new ModelSpec(new InputSpec(List.of(4), DType.FLOAT32), List.of(
        node("a", List.of("b")), node("b", List.of("a"))), "b");
    assertThrows(IllegalArgumentException.class, cyclic::topologicalOrder);
  }

  @Test
  void commonKeysAreWrittenAmongTheKindsArguments() throws Exception {
    JobSpec spec = Jobs.load(Jobs.write(dir, "job.yaml", """
        version: 1
        name: t
        model:
          input: {shape: [4]}
          layers:
            - dense: {units: 8, name: a, trainable: false, kernel_regularizer: l2, bias_regularizer: {l1: 0.5}}
            - dense: {units: 8, inputs: input, kernel_regularizer: {l1_l2: {l2: 0.001}}}
            - concatenate: {inputs: [a, dense], axis: 1}
            - flatten: {name: flat}
        loss: sparse_categorical_crossentropy
        optimizer: adam
        data:
          train: {synthetic: {examples: 64, classes: 3}, batch_size: 8}
        train: {epochs: 1}
        """));
    LayerNodeSpec a = spec.model().layer("a");
    assertFalse(a.trainable());
    assertEquals(new L2Spec(0.01), a.kernelRegularizer());
    assertEquals(new L1Spec(0.5), a.biasRegularizer());
    assertEquals(new L1L2Spec(0.01, 0.001), spec.model().layer("dense").kernelRegularizer());
    assertEquals(List.of("input"), spec.model().layer("dense").inputs());
    assertEquals(List.of("concatenate"), spec.model().layer("flat").inputs());
  }
}
