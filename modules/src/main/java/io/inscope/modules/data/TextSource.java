package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.data.SourceSpec;
import io.inscope.configs.data.TextSpec;
import io.inscope.modules.data.internal.CsvRecords;
import io.inscope.modules.data.internal.SourceFiles;
import io.inscope.modules.data.internal.Suggestions;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code text} source: a text column of a CSV or TSV file, or a bytes feature of TFRecord
 * records ({@link TextRecords}), as {@code sequence_length} token ids
 * ({@link Vocabulary}: Keras' {@code TextVectorization}), with a label column read as {@code csv}
 * reads one (numbers, or class names numbered in sorted order).
 *
 * <pre>
 * text: {path: data/reviews-train.tsv, text: review, label: sentiment, max_tokens: 10000, sequence_length: 50}
 * </pre>
 *
 * <p>The vocabulary comes from the training split: {@link DataLoader#loadSplits} learns it there
 * (or takes the run's saved {@value Vocabulary#FILE}) and vectorizes every split with it; loaded
 * alone ({@link #load(SourceSpec, InputSpec, long)}) a split uses its own. {@code model.input} is
 * {@code [sequence_length]} (dtype int32 for an embedding). An empty text is an error naming the
 * row (it would be all padding).
 */
public final class TextSource implements SourceFactory {
  static final String KIND = "text";

  /** One split's rows: the texts and the labels as written, and where each came from. */
  record Rows(Path path, List<String> texts, List<String> labels, Origins origins) {}

  @Override
  public Examples load(SourceSpec spec, InputSpec input, long seed) throws DataException {
    TextSpec text = (TextSpec) spec;
    Rows rows = read(text);
    return examples(text, rows, learn(rows, text.maxTokens()), input);
  }

  /** The vocabulary of a training split. */
  static Vocabulary learn(Rows rows, Integer maxTokens) {
    return Vocabulary.learn(rows.texts().stream().map(Vocabulary::tokens).toList(), maxTokens);
  }

  static Examples examples(TextSpec spec, Rows rows, Vocabulary vocabulary, InputSpec input) throws DataException {
    int length = spec.sequenceLength();
    if (input.elements() != length) {
      throw new DataException(KIND + ".sequence_length", length + " token ids per example but model.input.shape " + input.shape()
          + " has " + input.elements() + " values; set model.input.shape to [" + length + "]");
    }
    int n = rows.texts().size();
    float[] features = new float[n * length];
    for (int i = 0; i < n; i++) {
      vocabulary.vectorize(rows.texts().get(i), length, features, i * length);
    }
    long[] shape = input.shape().stream().mapToLong(Integer::longValue).toArray();
    return Labels.examples(features, shape, rows.labels(), rows.origins(), KIND);
  }

  static Rows read(TextSpec spec) throws DataException {
    Path path = Path.of(spec.path());
    if (TextSpec.isTfrecord(spec.path())) {
      return TextRecords.read(spec, path);
    }
    try (Reader reader = new InputStreamReader(SourceFiles.open(path, KIND, false), StandardCharsets.UTF_8)) {
      CsvRecords records = new CsvRecords(reader, spec.separator().character());
      List<String> header = records.next();
      if (header == null) {
        throw new DataException(KIND, path + ": the file is empty; a header row naming the columns is required");
      }
      header = new ArrayList<>(header.stream().map(String::strip).toList());
      header.set(0, header.get(0).replace("\uFEFF", ""));
      int textColumn = column(header, spec.text(), path, "text");
      int labelColumn = column(header, spec.label(), path, "label");
      List<String> texts = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      List<Integer> lines = new ArrayList<>();
      for (List<String> row = records.next(); row != null; row = records.next()) {
        if (row.size() == 1 && row.get(0).isBlank()) {
          continue;
        }
        String at = path + ":" + records.line() + ": ";
        if (row.size() != header.size()) {
          throw new DataException(KIND, at + row.size() + " fields but the header has " + header.size()
              + "; quote fields that contain the separator");
        }
        String text = row.get(textColumn);
        if (Vocabulary.tokens(text).isEmpty()) {
          throw new DataException(KIND, at + "column '" + spec.text() + "': "
              + (text.isBlank() ? "the text is empty" : "the text '" + text + "' has no word once punctuation is stripped")
              + "; remove the row or write its text");
        }
        String label = row.get(labelColumn).strip();
        if (label.isEmpty()) {
          throw new DataException(KIND, at + "column '" + spec.label() + "': the label is empty");
        }
        texts.add(text);
        labels.add(label);
        lines.add(records.line());
      }
      if (texts.isEmpty()) {
        throw new DataException(KIND, path + ": no rows after the header");
      }
      return new Rows(path, texts, labels,
          Origins.lines(path, lines.stream().mapToInt(Integer::intValue).toArray(), "column '" + spec.label() + "'"));
    } catch (IOException e) {
      throw SourceFiles.unreadable(path, KIND, e);
    } catch (IllegalStateException e) {
      throw new DataException(KIND, path + ": " + e.getMessage() + "; close the quote or remove the stray '\"'");
    }
  }

  private static int column(List<String> header, String name, Path path, String key) throws DataException {
    int index = header.indexOf(name);
    if (index < 0) {
      throw new DataException(KIND + "." + key, path + ":1: no column '" + name + "' in the header (columns: "
          + String.join(", ", header) + ")" + Suggestions.didYouMean(name, header));
    }
    return index;
  }
}
