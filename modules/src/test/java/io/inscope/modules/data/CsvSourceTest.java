package io.inscope.modules.data;

import static io.inscope.modules.data.IdxSourceTest.features;
import static io.inscope.modules.data.IdxSourceTest.input;
import static io.inscope.modules.data.IdxSourceTest.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inscope.configs.data.CsvSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
  @TempDir Path dir;

  @Test
  void stringLabelsBecomeSortedClassIdsAndFeaturesFollowTheFileOrder() throws Exception {
    Path csv = write("a,kind,b\n1,zebra,2\n3.5,ant,-4e1\n5,moth,6\n7,ant,8\n\n\n");
    Examples examples = load(new CsvSpec(csv.toString(), "kind", null), 2);
    assertEquals(List.of("ant", "moth", "zebra"), examples.classNames());
    assertEquals(3, examples.numClasses());
    assertArrayEquals(new float[] {2, 0, 1, 0}, labels(examples));
    assertArrayEquals(new float[] {1, 2, 3.5f, -40, 5, 6, 7, 8}, features(examples));
    assertArrayEquals(new long[] {2}, examples.featureShape());
    assertArrayEquals(new long[] {}, examples.labelShape());
  }

  @Test
  void listedFeaturesAreTakenInTheListedOrder() throws Exception {
    Path csv = write("a,b,c,y\n1,2,3,0\n4,5,6,1\n");
    Examples examples = load(new CsvSpec(csv.toString(), "y", List.of("c", "a")), 2);
    assertArrayEquals(new float[] {3, 1, 6, 4}, features(examples));
  }

  @Test
  void featureGroupsFeedEachInputItsColumnsInTheInputsOrder() throws Exception {
    Path csv = write("a,b,c,y\n1,2,3,0\n4,5,6,1\n");
    Map<String, List<String>> groups = new java.util.LinkedHashMap<>();
    groups.put("meta", List.of("c"));
    groups.put("pair", List.of("b", "a"));
    CsvSpec spec = new CsvSpec(csv.toString(), "y", null, groups);
    Map<String, io.inscope.configs.InputSpec> inputs = new java.util.LinkedHashMap<>();
    inputs.put("pair", input(2));
    inputs.put("meta", input(1));
    Examples examples = new CsvSource().load(spec, inputs, 0);
    assertArrayEquals(new float[] {2, 1, 3, 5, 4, 6}, features(examples));
    assertArrayEquals(new float[] {0, 1}, labels(examples));
    try (FeatureStream stream = FeatureStream.open(spec, inputs, csv)) {
      float[] rows = new float[6];
      assertEquals(2, stream.read(rows, 2));
      assertArrayEquals(features(examples), rows);
    }

    DataException e = assertThrows(DataException.class,
        () -> new CsvSource().load(new CsvSpec(csv.toString(), "y", null), inputs, 0));
    assertEquals("csv: the model has 2 inputs (pair, meta); list each input's columns under feature_groups: {pair: [...], ...}",
        e.getMessage());
    inputs.put("meta", input(2));
    e = assertThrows(DataException.class, () -> new CsvSource().load(spec, inputs, 0));
    assertEquals("csv.feature_groups.meta: group 'meta' lists 1 columns but model input 'meta' has shape [2] (2 values); make them agree",
        e.getMessage());
  }

  @Test
  void numericLabelsStayNumbers() throws Exception {
    Path csv = write("x,target\n1,0.25\n2,-3\n3,10\n");
    Examples examples = load(new CsvSpec(csv.toString(), "target", null), 1);
    assertArrayEquals(new float[] {0.25f, -3, 10}, labels(examples));
    assertEquals(List.of(), examples.classNames());
    assertEquals(-1, examples.numClasses());
  }

  @Test
  void quotedFieldsMayHoldCommasAndCrlfEndsLines() throws Exception {
    Path csv = write("\"len\",\"name, full\",\"w\"\r\n\"1.5\",\"Iris, setosa\",2\r\n3,\"Iris \"\"v\"\"\",4\r\n");
    Examples examples = load(new CsvSpec(csv.toString(), "name, full", null), 2);
    assertEquals(List.of("Iris \"v\"", "Iris, setosa"), examples.classNames());
    assertArrayEquals(new float[] {1, 0}, labels(examples));
    assertArrayEquals(new float[] {1.5f, 2, 3, 4}, features(examples));
  }

  @Test
  void badNumberNamesFileLineAndColumn() throws Exception {
    Path csv = write("sepal_length,petal_width,species\n1,2,a\n\n3,abc,b\n");
    DataException e = assertThrows(DataException.class, () -> load(new CsvSpec(csv.toString(), "species", null), 2));
    assertEquals("csv: " + csv + ":4: column 'petal_width': expected a number, got 'abc'", e.getMessage());
    assertEquals("data.train.csv: " + csv + ":4: column 'petal_width': expected a number, got 'abc'", e.under("data.train").getMessage());
  }

  @Test
  void emptyAndNonFiniteValuesAreNotNumbers() throws Exception {
    Path empty = write("x,y\n1,a\n ,b\n");
    DataException e = assertThrows(DataException.class, () -> load(new CsvSpec(empty.toString(), "y", null), 1));
    assertEquals("csv: " + empty + ":3: column 'x': expected a number, got an empty value", e.getMessage());
    Path nan = write("x,y\nNaN,a\n");
    assertThrows(DataException.class, () -> load(new CsvSpec(nan.toString(), "y", null), 1));
  }

  @Test
  void missingColumnSuggestsTheNearestName() throws Exception {
    Path csv = write("sepal_length,petal_width,species\n1,2,a\n");
    DataException feature = assertThrows(DataException.class, () -> load(new CsvSpec(csv.toString(), "species", List.of("sepal_length", "petal_widht")), 2));
    assertEquals("csv.features[1]: " + csv + ":1: no column 'petal_widht' in the header (columns: sepal_length, petal_width, species);"
        + " did you mean 'petal_width'?", feature.getMessage());
    DataException label = assertThrows(DataException.class, () -> load(new CsvSpec(csv.toString(), "class", null), 2));
    assertEquals("csv.label: " + csv + ":1: no column 'class' in the header (columns: sepal_length, petal_width, species)", label.getMessage());
  }

  @Test
  void featureCountMustMatchTheInput() throws Exception {
    Path csv = write("a,b,y\n1,2,0\n");
    DataException e = assertThrows(DataException.class, () -> load(new CsvSpec(csv.toString(), "y", null), 3));
    assertEquals("csv: " + csv + ": 2 feature columns [a, b] but model.input.shape [3] has 3 elements;"
        + " list the feature columns under 'features' or set model.input.shape to [2]", e.getMessage());
  }

  @Test
  void rowWithTheWrongFieldCountAndEmptyFileAreErrors() throws Exception {
    Path csv = write("a,b,y\n1,2,0\n1,2,3,4\n");
    DataException e = assertThrows(DataException.class, () -> load(new CsvSpec(csv.toString(), "y", null), 2));
    assertEquals("csv: " + csv + ":3: 4 fields but the header has 3; quote fields that contain commas", e.getMessage());
    Path empty = write("\n\n");
    DataException none = assertThrows(DataException.class, () -> load(new CsvSpec(empty.toString(), "y", null), 2));
    assertEquals("csv: " + empty + ": the file is empty; a header row naming the columns is required", none.getMessage());
  }

  @Test
  void irisTrainingSetLoads() throws Exception {
    Path iris = Path.of("../examples/data/iris-train.csv");
    Examples examples = new CsvSource().load(new CsvSpec(iris.toAbsolutePath().toString(), "species", null), input(4), 0);
    assertEquals(120, examples.size());
    assertEquals(4, examples.featureElements());
    assertEquals(List.of("setosa", "versicolor", "virginica"), examples.classNames());
    assertEquals(3, examples.numClasses());

    // Cross-check the first row and the class counts against a plain reading of the file.
    List<String> lines = Files.readAllLines(iris).stream().filter(l -> !l.isBlank()).toList();
    String[] first = lines.get(1).split(",");
    float[] row = new float[4];
    examples.copyFeatures(0, row, 0);
    for (int i = 0; i < 4; i++) {
      assertEquals(Float.parseFloat(first[i]), row[i]);
    }
    Map<String, Integer> expected = new HashMap<>();
    lines.subList(1, lines.size()).forEach(l -> expected.merge(l.substring(l.lastIndexOf(',') + 1), 1, Integer::sum));
    Map<String, Integer> actual = new HashMap<>();
    for (float id : labels(examples)) {
      actual.merge(examples.classNames().get((int) id), 1, Integer::sum);
    }
    assertEquals(expected, actual);
  }

  private Examples load(CsvSpec spec, int inputElements) throws DataException {
    return new CsvSource().load(spec, input(inputElements), 0);
  }

  private Path write(String text) throws IOException {
    Path path = Files.createTempFile(dir, "data", ".csv");
    Files.writeString(path, text);
    return path;
  }
}
