package io.inscope.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.internal.YamlWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobRendererTest {
  @TempDir Path dir;

  @Test
  void renderingThenLoadingGivesAnEqualSpec() throws Exception {
    Jobs.write(dir, "data/a.tfrecord", "");
    String yaml = Jobs.TINY
        .replace("train: {synthetic: {examples: 64, classes: 3}, batch_size: 8}", """
            train:
                tfrecord: {paths: [data/*.tfrecord], features: {x: {shape: [4]}, y: {shape: [], dtype: int64}}, label: y}
                batch_size: 8
              eval: {synthetic: 32, batch_size: 16}""")
        + """
        cluster: {workers: ['h1:1', 'h2:2'], deadline: 1h30m}
        strategy: {type: multi_worker_mirrored, replicas: 2}
        variables: [{name: step, shape: [], dtype: int64, trainable: false, initializer: {constant: 3}}]
        metrics: [accuracy, {top_k_accuracy: {k: 2}}]
        checkpoint: {every_steps: 50}
        plugins: [com.example.Kinds]
        """;
    JobSpec spec = Jobs.load(Jobs.write(dir, "job.yaml", yaml));
    String rendered = JobRenderer.render(spec);
    assertEquals(spec, new JobLoader(Map.of()).loadResolved(rendered, dir.resolve("rendered.yaml")).spec(), rendered);
  }

  /** dilation_rate, rms_scaling, dropout and recurrent_dropout are rendered, and load back equal. */
  @Test
  void dilationRmsScalingAndRecurrentDropoutRoundTrip() throws Exception {
    String yaml = Jobs.TINY
        .replace("input: {shape: [4]}", "input: {shape: [12, 12, 2]}")
        .replace("layers: [{dense: {units: 8, activation: relu}}, {dense: {units: 3}}]", """
            layers:
                - conv2d: {filters: 4, kernel_size: 3, dilation_rate: [2, 1]}
                - depthwise_conv2d: {kernel_size: 2, strides: 2, dilation_rate: 2}
                - separable_conv2d: {filters: 2, kernel_size: 2, dilation_rate: [1, 2]}
                - layer_normalization: {rms_scaling: true}
                - reshape: {target_shape: [-1, 2]}
                - lstm: {units: 3, dropout: 0.25, recurrent_dropout: 0.5, return_sequences: true}
                - bidirectional: {layer: {gru: {units: 2, dropout: 0.1, recurrent_dropout: 0.2}}}
                - dense: {units: 3}""");
    JobSpec spec = Jobs.load(Jobs.write(dir, "job.yaml", yaml));
    String rendered = JobRenderer.render(spec);
    for (String line : List.of("dilation_rate: [2, 1]", "dilation_rate: [2, 2]", "dilation_rate: [1, 2]",
        "rms_scaling: true", "dropout: 0.25", "recurrent_dropout: 0.5", "recurrent_dropout: 0.2")) {
      assertTrue(rendered.contains(line), line + " in\n" + rendered);
    }
    assertEquals(spec, new JobLoader(Map.of()).loadResolved(rendered, dir.resolve("rendered.yaml")).spec(), rendered);
  }

  @Test
  void everyExampleRoundTrips() throws Exception {
    for (Path example : ExamplesTest.examples()) {
      JobSpec spec = Jobs.load(example);
      assertEquals(spec, new JobLoader(Map.of()).loadResolved(JobRenderer.render(spec), example).spec(), example.toString());
    }
  }

  @Test
  void everyKeyIsWrittenWithItsDefault() throws Exception {
    String rendered = JobRenderer.render(Jobs.load(Map.of(), Jobs.TINY));
    assertTrue(rendered.startsWith("version: 1\nname: tiny\nseed: 42\ncluster:\n  tpu: null\n  workers: null\n  deadline: 1m\n"), rendered);
    for (String line : List.of("    - dense:\n        units: 8\n        activation: relu\n        use_bias: true\n        kernel_initializer: glorot_uniform\n        bias_initializer: zeros\n",
        "checkpoint:\n  every_steps: null\n  every: epoch\n  keep: 3\n", "output: runs/tiny\nplugins: []\n",
        "    synthetic:\n      examples: 64\n      classes: 3\n    scale: 1.0\n    preprocessing: []\n    shuffle: 0\n    batch_size: 8\n")) {
      assertTrue(rendered.contains(line), rendered);
    }
  }

  /** A record with keys that name secrets, as plugins may define. */
  record Credentials(String user, String apiToken, String dbPassword, List<String> clientSecrets, Integer tokenTtl) {}

  @Test
  void valuesOfSecretKeysAreRedacted() {
    String rendered = YamlWriter.render(new Credentials("ana", "t0k3n", "hunter2", List.of("s1", "s2"), null));
    assertEquals("user: ana\napi_token: '***'\ndb_password: '***'\nclient_secrets: ['***', '***']\ntoken_ttl: null\n", rendered);
    assertFalse(rendered.contains("hunter2"));
  }

  /** A number cannot hold a credential: text.max_tokens is shown. */
  record Limits(Integer maxTokens, String authToken) {}

  @Test
  void onlyTextValuesOfSecretKeysAreRedacted() {
    assertEquals("max_tokens: 64\nauth_token: '***'\n", YamlWriter.render(new Limits(64, "t0k3n")));
  }

  @Test
  void secretKeyNamesMatchAnywhereInTheKey() {
    for (String key : List.of("password", "db_password", "API_TOKEN", "tokenizer", "client_secret_id")) {
      assertTrue(YamlWriter.isSecret(key), key);
    }
    for (String key : List.of("name", "passwd", "tok")) {
      assertFalse(YamlWriter.isSecret(key), key);
    }
  }

  @Test
  void stringsThatLookLikeOtherTypesAreQuoted() throws Exception {
    String rendered = JobRenderer.render(Jobs.load(Map.of(), Jobs.TINY.replace("name: tiny", "name: '123'") + "output: 'true'\n"));
    assertTrue(rendered.contains("name: '123'\n") && rendered.contains("output: 'true'\n"), rendered);
  }

}
