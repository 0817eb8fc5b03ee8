package io.inscope.modules.data;

import io.inscope.modules.data.internal.TextFiles;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A text vocabulary with the semantics of Keras' {@code TextVectorization(standardize=
 * "lower_and_strip_punctuation", split="whitespace", output_mode="int")}: id 0 is padding
 * ({@code ""}), id 1 the out-of-vocabulary token {@code [UNK]}, then the training split's tokens by
 * frequency, most frequent first; tokens of equal frequency in descending order of their UTF-8
 * bytes (Keras sorts with {@code np.lexsort((tokens, counts))[::-1]}). {@code max_tokens} counts
 * ids 0 and 1.
 *
 * <p>Standardizing lower-cases ASCII letters only (TensorFlow's {@code tf.strings.lower} without
 * an encoding: {@code É} stays) and removes ASCII punctuation ({@code !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~});
 * splitting cuts at runs of ASCII whitespace (space, tab, line feed, vertical tab, form feed,
 * carriage return).
 *
 * <p>Kept in the run directory as {@value #FILE}: UTF-8, one token per line, line {@code i} (from
 * 0) holding the token of id {@code i}; line 0 is empty (padding) and line 1 {@code [UNK]}, as
 * {@code get_vocabulary()} lists them.
 */
public final class Vocabulary {
  public static final String FILE = "vocabulary.txt";
  public static final String OOV = "[UNK]";
  private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private final List<String> tokens;
  private final Map<String, Integer> ids = new HashMap<>();

  private Vocabulary(List<String> tokens) {
    this.tokens = List.copyOf(tokens);
    for (int i = 2; i < this.tokens.size(); i++) {
      ids.putIfAbsent(this.tokens.get(i), i);
    }
  }

  /** The tokens of a text: standardized, then split at whitespace. */
  public static List<String> tokens(String text) {
    StringBuilder s = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        s.append((char) (c + ('a' - 'A')));
      } else if (c < 128 && PUNCTUATION.indexOf(c) >= 0) {
        continue;
      } else {
        s.append(c);
      }
    }
    List<String> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= s.length(); i++) {
      boolean space = i == s.length() || isSpace(s.charAt(i));
      if (space && start >= 0) {
        out.add(s.substring(start, i));
        start = -1;
      } else if (!space && start < 0) {
        start = i;
      }
    }
    return out;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
  }

  /**
   * Learns a vocabulary from the token lists of the training split.
   *
   * @param maxTokens the vocabulary size with ids 0 and 1, or null for every token
   */
  public static Vocabulary learn(Iterable<List<String>> texts, Integer maxTokens) {
    Map<String, long[]> counts = new HashMap<>();
    for (List<String> text : texts) {
      for (String token : text) {
        counts.computeIfAbsent(token, t -> new long[1])[0]++;
      }
    }
    List<Map.Entry<String, long[]>> entries = new ArrayList<>(counts.entrySet());
    entries.sort((a, b) -> {
      int byCount = Long.compare(b.getValue()[0], a.getValue()[0]);
      return byCount != 0 ? byCount : Arrays.compareUnsigned(utf8(b.getKey()), utf8(a.getKey()));
    });
    List<String> tokens = new ArrayList<>(List.of("", OOV));
    for (Map.Entry<String, long[]> e : entries) {
      if (maxTokens != null && tokens.size() >= maxTokens) {
        break;
      }
      tokens.add(e.getKey());
    }
    return new Vocabulary(tokens);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The tokens by id: {@code ""}, {@code [UNK]}, then the learned ones. */
  public List<String> tokens() {
    return tokens;
  }

  public int size() {
    return tokens.size();
  }

  /** The id of a standardized token: 1 ({@code [UNK]}) when it is not in the vocabulary. */
  public int id(String token) {
    return ids.getOrDefault(token, 1);
  }

  /** Writes the ids of {@code text}'s tokens to {@code dst[offset, offset + length)}, padded with 0 or truncated. */
  public void vectorize(String text, int length, float[] dst, int offset) {
    List<String> words = tokens(text);
    for (int i = 0; i < length; i++) {
      dst[offset + i] = i < words.size() ? id(words.get(i)) : 0;
    }
  }

  /** {@value #FILE}'s text: each token and a line feed. */
  public String text() {
    return String.join("\n", tokens) + "\n";
  }

  /** Writes {@value #FILE}'s text to {@code file} atomically. */
  public void write(Path file) throws IOException {
    TextFiles.writeAtomically(file, text());
  }

  /** {@code dir/}{@value #FILE} when it exists. */
  public static Optional<Vocabulary> readIfPresent(Path dir) throws DataException {
    Path file = dir.resolve(FILE);
    return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
  }

  /** Reads a {@value #FILE} file; line 0 must be empty and line 1 {@code [UNK]}. */
  public static Vocabulary read(Path file) throws DataException {
    String text;
    try {
      text = TextFiles.readUtf8(file);
    } catch (CharacterCodingException e) {
      throw new DataException(file.toString(), "not UTF-8 text; " + damaged());
    } catch (IOException e) {
      throw new DataException(file.toString(), "cannot be read: " + e.getMessage());
    }
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    List<String> tokens = Arrays.asList(text.split("\n", -1));
    if (tokens.size() < 2 || !tokens.get(0).isEmpty() || !tokens.get(1).equals(OOV)) {
      throw new DataException(file.toString(), "line 1 must be empty (padding, id 0) and line 2 " + OOV + " (id 1); " + damaged());
    }
    return new Vocabulary(tokens);
  }

  private static String damaged() {
    return "the file is damaged: restore it, or start the run over with --fresh";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Vocabulary v && v.tokens.equals(tokens);
  }

  @Override
  public int hashCode() {
    return tokens.hashCode();
  }
}
