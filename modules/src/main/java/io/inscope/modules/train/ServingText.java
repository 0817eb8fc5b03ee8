package io.inscope.modules.train;

import io.inscope.modules.data.Vocabulary;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.HashTable;
import org.tensorflow.op.core.InitializeTableFromTextFile;
import org.tensorflow.op.core.Slice;
import org.tensorflow.op.strings.StringSplit;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * {@link Vocabulary}'s vectorization as graph ops, so a served text model takes raw strings: the
 * same ids as the Java vectorizer that trained it (Keras' {@code TextVectorization} defaults).
 *
 * <table>
 *   <caption>ops</caption>
 *   <tr><th>step</th><th>op</th></tr>
 *   <tr><td>lower-case ASCII letters</td><td>{@code StringLower} (no encoding: other letters stay)</td></tr>
 *   <tr><td>remove ASCII punctuation</td><td>{@code StaticRegexReplace} of {@value #PUNCTUATION} by nothing</td></tr>
 *   <tr><td>split at runs of ASCII whitespace</td><td>{@code StringSplitV2} with an empty separator</td></tr>
 *   <tr><td>token to id, 1 when unknown</td><td>{@code LookupTableFindV2} on a table filled from the
 *       vocabulary asset (line number + 2 = id)</td></tr>
 *   <tr><td>pad with 0, truncate to {@code sequence_length}</td><td>{@code SparseToDense} then {@code Slice}</td></tr>
 * </table>
 */
final class ServingText {
  /** The 32 ASCII punctuation characters, as Keras' default strip regex lists them, in ranges. */
  static final String PUNCTUATION = "[!-/:-@\\[-`{-~]";
  private static final long OOV_ID = 1;
  private static final long PAD_ID = 0;
  /** The id of the asset's first line: ids 0 (padding) and 1 (OOV) have no line. */
  private static final long FIRST_TOKEN_ID = 2;
  /** InitializeTableFromTextFile's key and value indices: the whole line, the line number. */
  private static final long WHOLE_LINE = -2;
  private static final long LINE_NUMBER = -1;

  private ServingText() {}

  /**
   * The vocabulary asset's text: the learned tokens (ids 2, 3, ...), one a line, as Keras'
   * {@code StringLookup} reads a vocabulary file (no padding or OOV line: TensorFlow's table
   * initializer refuses the empty line of padding).
   */
  static String assetText(Vocabulary vocabulary) {
    StringBuilder s = new StringBuilder();
    for (String token : vocabulary.tokens().subList((int) FIRST_TOKEN_ID, vocabulary.size())) {
      s.append(token).append('\n');
    }
    return s.toString();
  }

  /**
   * The token ids of {@code texts} ({@code [n]} strings) as floats {@code [n, length]}.
   *
   * @param vocabulary the asset tensor holding the path of the vocabulary file ({@link #assetText})
   * @param initializers receives the table's initializer
   */
  static Operand<TFloat32> vectorize(Ops tf, Operand<TString> texts, Operand<TString> vocabulary, int length,
      List<Op> initializers) {
    Ops t = tf.withSubScope("text_vectorization");
    HashTable table = t.withName("vocabulary").hashTable(TString.class, TInt64.class);
    initializers.add(t.withName("vocabulary_init").initializeTableFromTextFile(table, vocabulary, WHOLE_LINE, LINE_NUMBER,
        InitializeTableFromTextFile.offset(FIRST_TOKEN_ID)));
    Operand<TString> lower = t.withName("lower").strings.lower(texts);
    Operand<TString> stripped = t.withName("strip_punctuation").strings.staticRegexReplace(lower, PUNCTUATION, "");
    StringSplit split = t.withName("split").strings.stringSplit(stripped, t.constant(""));
    Operand<TInt64> ids = t.withName("lookup").lookupTableFind(table, split.values(), t.constant(OOV_ID));
    // the dense width is the longest text's token count, at least sequence_length; then cut to it
    Operand<TInt64> rows = t.slice(split.shape(), t.constant(new long[] {0}), t.constant(new long[] {1}));
    Operand<TInt64> longest = t.slice(split.shape(), t.constant(new long[] {1}), t.constant(new long[] {1}));
    Operand<TInt64> width = t.math.maximum(longest, t.constant(new long[] {length}));
    Operand<TInt64> dense = t.withName("pad").sparse.sparseToDense(split.indices(), t.concat(List.of(rows, width), t.constant(0)),
        ids, t.constant(PAD_ID));
    Slice<TInt64> cut = t.withName("truncate").slice(dense, t.constant(new long[] {0, 0}), t.constant(new long[] {-1, length}));
    return t.withName("ids").dtypes.cast(cut, TFloat32.class);
  }
}
