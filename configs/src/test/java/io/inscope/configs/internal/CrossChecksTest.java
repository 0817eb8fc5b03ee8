package io.inscope.configs.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.Jobs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossChecksTest {
  private static String job(String layers, String loss) {
    return Jobs.TINY
        .replace("layers: [{dense: {units: 8, activation: relu}}, {dense: {units: 3}}]", "layers: " + layers)
        .replace("loss: sparse_categorical_crossentropy", "loss: " + loss);
  }

  @Test
  void binaryCrossentropyOnProbabilitiesOrLogitsIsAccepted() throws Exception {
    Jobs.load(Map.of(), job("[{dense: {units: 1, activation: sigmoid}}]", "binary_crossentropy"));
    Jobs.load(Map.of(), job("[{dense: {units: 2}}, {activation: sigmoid}, flatten, {dropout: {rate: 0.5}}]", "binary_crossentropy"));
    Jobs.load(Map.of(), job("[{dense: {units: 3, activation: softmax}}]", "{binary_crossentropy: {from_logits: false}}"));
    Jobs.load(Map.of(), job("[{dense: {units: 1}}]", "{binary_crossentropy: {from_logits: true}}"));
    Jobs.load(Map.of(), job("[{dense: {units: 3}}, softmax]", "binary_crossentropy"));
  }

  @Test
  void binaryCrossentropyOnAnUnboundedOutputIsAnError() {
    String report = Jobs.errors(Map.of(), job("[{dense: {units: 1, activation: sigmoid}}, batch_normalization]",
        "binary_crossentropy"));
    assertTrue(report.contains("loss.binary_crossentropy.from_logits: binary_crossentropy reads probabilities "
        + "(from_logits: false) but the model's output is unbounded (its last layer is batch_normalization, model.layers[1]); "
        + "set from_logits: true, or add activation: sigmoid to the last layer"), report);
  }
}
