package io.inscope.configs.data;

import io.inscope.configs.Doc;
import io.inscope.configs.FilePath;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Range;
import io.inscope.configs.SpecException;

/**
 * A text column of a CSV or TSV file, turned into token ids as Keras' {@code
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
 *   <tr><td>path</td><td>required</td><td>the file; its first row names the columns</td></tr>
 *   <tr><td>text</td><td>required</td><td>the text column</td></tr>
 *   <tr><td>label</td><td>required</td><td>the label column (numbers, or class names)</td></tr>
 *   <tr><td>separator</td><td>tab for .tsv/.tab, else comma</td><td>comma or tab</td></tr>
 *   <tr><td>max_tokens</td><td>unlimited</td><td>vocabulary size, padding and OOV included</td></tr>
 *   <tr><td>sequence_length</td><td>required</td><td>token ids per example: padded with 0, truncated</td></tr>
 * </table>
 */
@Doc("A text column of a CSV/TSV file as token ids (Keras' TextVectorization), with a vocabulary learned from the training split")
@Kind("text")
public record TextSpec(
    @FilePath @Doc("CSV or TSV file with a header row") String path,
    @Doc("the text column") String text,
    @Doc("the label column (numbers, or class names)") String label,
    @Doc("comma or tab; default tab for .tsv and .tab files, comma otherwise") @OptionalKey Separator separator,
    @Doc("vocabulary size, the padding id 0 and the OOV id 1 included; unset = every token of the training split")
        @OptionalKey
        @Range(min = 3)
        Integer maxTokens,
    @Doc("token ids per example: shorter texts are padded with 0, longer ones truncated") @Range(min = 1) int sequenceLength)
    implements SourceSpec {
  public TextSpec {
    if (separator == null) {
      separator = Separator.byName(path);
    }
    if (text.equals(label)) {
      throw new SpecException("label", "must differ from the text column '" + text + "'");
    }
  }
}
