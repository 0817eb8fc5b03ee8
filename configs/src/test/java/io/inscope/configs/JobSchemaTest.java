package io.inscope.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON Schema accepts what {@code check} accepts (up to rules across keys) and rejects what it rejects. */
class JobSchemaTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
  private static JsonSchema schema;

  @TempDir Path dir;

  @BeforeAll
  static void readSchema() {
    schema = FACTORY.getSchema(JobSchema.json());
  }

  private static Set<ValidationMessage> validate(String yaml) throws Exception {
    return schema.validate(YAML.readTree(yaml));
  }

  @Test
  void isAValidDraft07Schema() throws Exception {
    JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema"));
    assertEquals(Set.of(), meta.validate(new ObjectMapper().readTree(JobSchema.json())));
  }

  @Test
  void acceptsEveryExample() throws Exception {
    List<Path> examples = ExamplesTest.examples();
    assumeFalse(examples.isEmpty(), "no examples/*.yaml yet");
    for (Path example : examples) {
      assertEquals(Set.of(), validate(Files.readString(example)), example.toString());
    }
  }

  @Test
  void acceptsValidJobsAndTheirRenderedForm() throws Exception {
    for (String yaml : List.of(Jobs.TINY, JobLoaderTest.EXAMPLE)) {
      assertEquals(Set.of(), validate(yaml), yaml);
    }
    assertEquals(Set.of(), validate(JobRenderer.render(Jobs.load(Map.of(), Jobs.TINY))));
  }

  @Test
  void acceptsInterpolationsWhereNumbersGo() throws Exception {
    assertEquals(Set.of(), validate(Jobs.TINY.replace("train: {epochs: 1}", "train: {epochs: '${EPOCHS:-1}'}")));
  }

  @Test
  void acceptsAPartialFileThatExtendsAnother() throws Exception {
    assertEquals(Set.of(), validate("extends: base.yaml\ndata:\n  train: {batch_size: 64}\nmodel: {input: {dtype: int32}}\n"));
  }

  /** A valid job with one line per section, so a test can replace a section. */
  private static final String FLAT = """
      version: 1
      name: tiny
      model: {input: {shape: [4]}, layers: [{dense: {units: 3}}]}
      loss: sparse_categorical_crossentropy
      optimizer: adam
      data: {train: {synthetic: {examples: 64, classes: 3}, batch_size: 8}}
      train: {epochs: 1}
      """;

  private static String with(String line) {
    String key = line.substring(0, line.indexOf(':') + 1);
    return FLAT.lines().map(l -> l.startsWith(key) ? line : l).reduce("", (a, b) -> a + b + "\n");
  }

  @Test
  void acceptsTheFlatJob() throws Exception {
    assertEquals(Set.of(), validate(FLAT));
    Jobs.load(Map.of(), FLAT);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "train: {epoch: 1}",
      "train: {epochs: ten}",
      "train: {epochs: 0}",
      "optimizer: adamx",
      "optimizer: {adam: {learning_rate: -1}}",
      "optimizer: {adam: {}, sgd: {}}",
      "model: {input: {shape: [4]}, layers: [dense]}",
      "model: {input: {shape: [4]}, layers: [{dropout: 1.5}]}",
      "model: {input: {shape: [4]}, layers: [{conv2d: {filters: 1, kernel_size: [3, 3, 3]}}]}",
      "name: {first: a}",
      "data: {train: {batch_size: 8}}",
      "data: {train: {synthetic: 64, csv: {path: x.csv, label: y}, batch_size: 8}}"})
  void rejectsAnInvalidValue(String line) throws Exception {
    String yaml = with(line);
    assertFalse(validate(yaml).isEmpty(), yaml);
    Jobs.errors(Map.of(), yaml);
  }

  @Test
  void rejectsAMissingSection() throws Exception {
    assertFalse(validate("version: 1\nname: t\n").isEmpty());
  }
}
