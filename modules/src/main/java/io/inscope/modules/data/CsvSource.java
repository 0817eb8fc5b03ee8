package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.data.CsvSpec;
import io.inscope.configs.data.SourceSpec;
import io.inscope.configs.layers.ModelInput;
import io.inscope.modules.data.internal.CsvRecords;
import io.inscope.modules.data.internal.GrowableFloats;
import io.inscope.modules.data.internal.SourceFiles;
import io.inscope.modules.data.internal.Suggestions;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code csv} source: a UTF-8 CSV file with a header row.
 *
 * <pre>
 * csv: {path: iris.csv, label: species, features: [sepal_length, petal_length]}
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>path</td><td>required</td><td>the CSV file; its first row names the columns</td></tr>
 *   <tr><td>label</td><td>required</td><td>the label column</td></tr>
 *   <tr><td>features</td><td>every other column, in file order</td><td>feature columns, in this order</td></tr>
 *   <tr><td>feature_groups</td><td>none</td><td>for a model with several inputs: each input's name to
 *       its columns, in order (instead of {@code features})</td></tr>
 * </table>
 *
 * <p>Feature values must be finite numbers; their count must equal {@code model.input}'s element
 * count. A label column whose values are all numbers is numeric (a class id or a regression
 * target); otherwise every value is a class name, and class ids follow the names' sorted order
 * ({@link Examples#classNames()}). That is this file's own numbering: {@link DataLoader} maps every
 * split to the training split's class ids ({@link ClassNames}). Quoted fields, CRLF line ends and blank lines are accepted.
 */
public final class CsvSource implements SourceFactory {
  private static final String KIND = "csv";
  // Double.parseDouble also accepts Java suffixes, hex and NaN; a data file means none of them.
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  @Override
  public Examples load(SourceSpec spec, InputSpec input, long seed) throws DataException {
    CsvSpec csv = (CsvSpec) spec;
    if (csv.featureGroups() != null) {
      return load(spec, Map.of(ModelInput.NAME, input), seed);
    }
    return load(csv, csv.features(), input);
  }

  /** With {@code feature_groups}, each input reads the group of its name. */
  @Override
  public Examples load(SourceSpec spec, Map<String, InputSpec> inputs, long seed) throws DataException {
    CsvSpec csv = (CsvSpec) spec;
    if (csv.featureGroups() == null) {
      if (inputs.size() == 1) {
        return load(csv, csv.features(), inputs.values().iterator().next());
      }
      throw new DataException(KIND, "the model has " + inputs.size() + " inputs (" + String.join(", ", inputs.keySet())
          + "); list each input's columns under feature_groups: {" + inputs.keySet().iterator().next() + ": [...], ...}");
    }
    return load(csv, columnsOf(csv, inputs), ModelSpec.featureRow(inputs));
  }

  /** The columns of every input's group, in the inputs' order; each group as long as its input. */
  static List<String> columnsOf(CsvSpec csv, Map<String, InputSpec> inputs) throws DataException {
    Map<String, List<String>> groups = csv.featureGroups();
    List<String> columns = new ArrayList<>();
    for (Map.Entry<String, InputSpec> in : inputs.entrySet()) {
      List<String> group = groups.get(in.getKey());
      if (group == null) {
        throw new DataException(KIND + ".feature_groups", "no group '" + in.getKey() + "' for model input '" + in.getKey()
            + "' (groups: " + String.join(", ", groups.keySet()) + ")" + Suggestions.didYouMean(in.getKey(), groups.keySet())
            + "; each model input reads the group of its name");
      }
      if (group.size() != in.getValue().elements()) {
        throw new DataException(KIND + ".feature_groups." + in.getKey(), "group '" + in.getKey() + "' lists " + group.size()
            + " columns but model input '" + in.getKey() + "' has shape " + in.getValue().shape() + " ("
            + in.getValue().elements() + " values); make them agree");
      }
      columns.addAll(group);
    }
    for (String name : groups.keySet()) {
      if (!inputs.containsKey(name)) {
        throw new DataException(KIND + ".feature_groups." + name, "group '" + name + "' feeds no model input (inputs: "
            + String.join(", ", inputs.keySet()) + ")" + Suggestions.didYouMean(name, inputs.keySet()));
      }
    }
    return columns;
  }

  private static Examples load(CsvSpec csv, List<String> featureColumns, InputSpec input) throws DataException {
    Path path = Path.of(csv.path());
    try (Reader reader = new InputStreamReader(SourceFiles.open(path, KIND, false), StandardCharsets.UTF_8)) {
      return read(new CsvRecords(reader), csv, featureColumns, path, input);
    } catch (IOException e) {
      throw SourceFiles.unreadable(path, KIND, e);
    } catch (IllegalStateException e) {
      throw new DataException(KIND, path + ": " + e.getMessage() + "; close the quote or remove the stray '\"'");
    }
  }

  private static Examples read(CsvRecords records, CsvSpec csv, List<String> columns, Path path, InputSpec input)
      throws IOException, DataException {
    List<String> header = records.next();
    if (header == null) {
      throw new DataException(KIND, path + ": the file is empty; a header row naming the columns is required");
    }
    header = new ArrayList<>(header.stream().map(String::strip).toList());
    header.set(0, header.get(0).replace("\uFEFF", ""));
    int labelColumn = column(header, csv.label(), path, "label");
    List<String> featureNames = columns != null ? columns
        : header.stream().filter(name -> !name.equals(csv.label())).toList();
    int[] featureColumns = new int[featureNames.size()];
    for (int i = 0; i < featureColumns.length; i++) {
      featureColumns[i] = column(header, featureNames.get(i), path, "features[" + i + "]");
    }
    if (featureColumns.length != input.elements()) {
      throw new DataException(KIND, path + ": " + featureColumns.length + " feature columns " + featureNames
          + " but model.input.shape " + input.shape() + " has " + input.elements()
          + " elements; list the feature columns under 'features' or set model.input.shape to [" + featureColumns.length + "]");
    }
    GrowableFloats features = new GrowableFloats();
    List<String> labels = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    for (List<String> row = records.next(); row != null; row = records.next()) {
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      String at = path + ":" + records.line() + ": ";
      if (row.size() != header.size()) {
        throw new DataException(KIND, at + row.size() + " fields but the header has " + header.size()
            + "; quote fields that contain commas");
      }
      for (int i = 0; i < featureColumns.length; i++) {
        String value = row.get(featureColumns[i]);
        Double number = number(value);
        if (number == null) {
          throw new DataException(KIND, at + "column '" + header.get(featureColumns[i]) + "': expected a number, got "
              + (value.isBlank() ? "an empty value" : "'" + value + "'"));
        }
        features.add(number.floatValue());
      }
      String label = row.get(labelColumn).strip();
      if (label.isEmpty()) {
        throw new DataException(KIND, at + "column '" + csv.label() + "': the label is empty");
      }
      labels.add(label);
      lines.add(records.line());
    }
    long[] shape = input.shape().stream().mapToLong(Integer::longValue).toArray();
    Origins origins = Origins.lines(path, lines.stream().mapToInt(Integer::intValue).toArray(),
        "column '" + csv.label() + "'");
    return Labels.examples(features.toArray(), shape, labels, origins, KIND);
  }

  private static int column(List<String> header, String name, Path path, String key) throws DataException {
    int index = header.indexOf(name);
    if (index < 0) {
      throw new DataException(KIND + "." + key, path + ":1: no column '" + name + "' in the header (columns: "
          + String.join(", ", header) + ")" + Suggestions.didYouMean(name, header));
    }
    return index;
  }

  static Double number(String text) {
    String s = text.strip();
    if (!DECIMAL.matcher(s).matches()) {
      return null;
    }
    double value = Double.parseDouble(s);
    return Float.isFinite((float) value) ? value : null;
  }
}
