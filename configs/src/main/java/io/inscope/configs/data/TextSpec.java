package io.inscope.configs.data;

import io.inscope.configs.Doc;
import io.inscope.configs.FilePath;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Range;
import io.inscope.configs.SpecException;

/**
 * A text column of a CSV or TSV file, or a bytes feature of a TFRecord file of tf.Example records
 * (a name ending {@code .tfrecord} or {@code .tfrecords}, then optionally {@code .gz}), turned into
 * token ids as Keras' {@code
 * TextVectorization(standardize="lower_and_strip_punctuation", split="whitespace", max_tokens,
 * output_sequence_length)} does, with a vocabulary learned from the training split.
 *
 * <pre>
 * text: {path: data/reviews-train.tsv, text: review, label: sentiment, max_tokens: 10000, sequence_length: 50}
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>path</td><td>required</td><td>the file; a CSV/TSV file's first row names the columns</td></tr>
 *   <tr><td>text</td><td>required</td><td>the text column, or the TFRecord bytes_list feature (UTF-8)</td></tr>
 *   <tr><td>label</td><td>required</td><td>the label column or feature (numbers, or class names)</td></tr>
 *   <tr><td>separator</td><td>tab for .tsv/.tab, else comma</td><td>comma or tab (CSV/TSV only)</td></tr>
 *   <tr><td>compression</td><td>gzip for .gz, else none</td><td>gzip, zlib or none (TFRecord only)</td></tr>
 *   <tr><td>max_tokens</td><td>unlimited</td><td>vocabulary size, padding and OOV included</td></tr>
 *   <tr><td>sequence_length</td><td>required</td><td>token ids per example: padded with 0, truncated</td></tr>
 * </table>
 */
@Doc("A text column of a CSV/TSV file, or a bytes feature of a TFRecord file, as token ids (Keras' TextVectorization), with a vocabulary learned from the training split")
@Kind("text")
public record TextSpec(
    @FilePath @Doc("CSV or TSV file with a header row, or a TFRecord file (.tfrecord, .tfrecords, then .gz optionally)") String path,
    @Doc("the text column, or the TFRecord bytes_list feature holding UTF-8 text") String text,
    @Doc("the label column or feature (numbers, or class names)") String label,
    @Doc("comma or tab; default tab for .tsv and .tab files, comma otherwise; CSV/TSV only") @OptionalKey Separator separator,
    @Doc("vocabulary size, the padding id 0 and the OOV id 1 included; unset = every token of the training split")
        @OptionalKey
        @Range(min = 3)
        Integer maxTokens,
    @Doc("token ids per example: shorter texts are padded with 0, longer ones truncated") @Range(min = 1) int sequenceLength,
    @Doc("gzip, zlib or none; default gzip for names ending .gz, none otherwise; TFRecord only") @OptionalKey Compression compression)
    implements SourceSpec {
  public TextSpec {
    if (isTfrecord(path)) {
      if (separator != null) {
        throw new SpecException("separator", "applies to CSV and TSV files; " + fileName(path) + " is read as TFRecord (by its name)");
      }
      if (compression == null) {
        compression = Compression.byName(path);
      }
    } else {
      if (compression != null) {
        throw new SpecException("compression", "applies to TFRecord files (.tfrecord, .tfrecords, then .gz optionally); "
            + fileName(path) + " is read as CSV/TSV");
      }
      if (separator == null) {
        separator = Separator.byName(path);
      }
    }
    if (text.equals(label)) {
      throw new SpecException("label", "must differ from the text column '" + text + "'");
    }
  }

  /** A CSV or TSV text source. */
  public TextSpec(String path, String text, String label, Separator separator, Integer maxTokens, int sequenceLength) {
    this(path, text, label, separator, maxTokens, sequenceLength, null);
  }

  private static String fileName(String path) {
    java.nio.file.Path name = java.nio.file.Path.of(path).getFileName();
    return name == null ? path : name.toString();
  }

  /** Whether {@code path} names a TFRecord file: {@code .tfrecord} or {@code .tfrecords}, then {@code .gz} or not. */
  public static boolean isTfrecord(String path) {
    String lower = path.toLowerCase(java.util.Locale.ROOT).replaceFirst("\\.gz$", "");
    return lower.endsWith(".tfrecord") || lower.endsWith(".tfrecords");
  }
}
