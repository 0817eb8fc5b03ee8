package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.data.CsvSpec;
import io.inscope.configs.data.SourceSpec;
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
    Path path = Path.of(csv.path());
    try (Reader reader = new InputStreamReader(SourceFiles.open(path, KIND, false), StandardCharsets.UTF_8)) {
      return read(new CsvRecords(reader), csv, path, input);
    } catch (IOException e) {
      throw SourceFiles.unreadable(path, KIND, e);
    } catch (IllegalStateException e) {
      throw new DataException(KIND, path + ": " + e.getMessage() + "; close the quote or remove the stray '\"'");
    }
  }

  private static Examples read(CsvRecords records, CsvSpec csv, Path path, InputSpec input) throws IOException, DataException {
    List<String> header = records.next();
    if (header == null) {
      throw new DataException(KIND, path + ": the file is empty; a header row naming the columns is required");
    }
    header = new ArrayList<>(header.stream().map(String::strip).toList());
    header.set(0, header.get(0).replace("\uFEFF", ""));
    int labelColumn = column(header, csv.label(), path, "label");
    List<String> featureNames = csv.features() != null ? csv.features()
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
