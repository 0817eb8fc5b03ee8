package io.inscope.modules.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inscope.modules.data.Vocabulary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * The graph's text vectorization gives exactly the Java vectorizer's ids ({@link Vocabulary}, itself
 * checked against Keras by VocabularyTest), with the vocabulary read from its file as a SavedModel
 * asset: on the Keras edge cases, the reviews, and texts chosen to break it (punctuation of every
 * kind, letters outside ASCII, whitespace that is not ASCII, empty and blank strings, texts far
 * longer than sequence_length).
 */
class ServingTextTest {
  private static final Path TEXT = Path.of("src/test/resources/text");
  @TempDir Path dir;

  @Test
  void idsEqualTheJavaVectorizersOnEveryText() throws Exception {
    List<String> train = column(Path.of("../examples/data/reviews-train.tsv"));
    List<String> texts = new ArrayList<>(Files.readAllLines(TEXT.resolve("edge-cases.texts.txt"), StandardCharsets.UTF_8));
    texts.addAll(train);
    texts.addAll(column(Path.of("../examples/data/reviews-test.tsv")));
    texts.addAll(List.of("", " ", "\t\n\r\u000b\f", "!!!", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
        "[UNK]", "unk", "a[UNK]b", "GREAT Great great gReAt", "ÉMILE émile Émile ΣΊΣΥΦΟΣ σίσυφος straße STRASSE",
        "non\u00a0breaking\u2003em\u3000ideographic\u0085nel\u2028line", "emoji 😀 great😀 🙂🙂 great",
        "日本語のテキスト です。great", "combining e\u0301 and \u00e9", "tab\tseparated\twords\tgreat",
        "line\nbreaks\r\nand\rcarriage returns", "  leading and trailing  ", "a-b c_d e.f g'h i/j",
        "“curly quotes” ‘single’ — dashes – … ellipsis «guillemets»", "zero\u200bwidth\u200bspace",
        "great ".repeat(500), String.join(" ", train).repeat(3)));
    Vocabulary vocabulary = Vocabulary.learn(train.stream().map(Vocabulary::tokens).toList(), null);
    for (int length : new int[] {1, 12, 40}) {
      float[] graph = vectorize(vocabulary, texts, length);
      float[] java = new float[texts.size() * length];
      for (int i = 0; i < texts.size(); i++) {
        vocabulary.vectorize(texts.get(i), length, java, i * length);
      }
      for (int i = 0; i < texts.size(); i++) {
        assertEquals(Arrays.toString(Arrays.copyOfRange(java, i * length, (i + 1) * length)),
            Arrays.toString(Arrays.copyOfRange(graph, i * length, (i + 1) * length)),
            "sequence_length " + length + ", text " + i + ": " + texts.get(i).substring(0, Math.min(80, texts.get(i).length())));
      }
    }
  }

  @Test
  void aSmallVocabularyMapsTheRestToOne() throws Exception {
    Vocabulary vocabulary = Vocabulary.learn(List.of(List.of("b", "a", "b")), null);
    float[] ids = vectorize(vocabulary, List.of("B a, c!", "", "a a a a a"), 4);
    assertEquals("[2.0, 3.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3.0, 3.0, 3.0, 3.0]", Arrays.toString(ids));
  }

  private float[] vectorize(Vocabulary vocabulary, List<String> texts, int length) throws Exception {
    Path file = dir.resolve(Vocabulary.FILE);
    Files.writeString(file, ServingText.assetText(vocabulary), StandardCharsets.UTF_8);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> in = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      List<Op> init = new ArrayList<>();
      Operand<TFloat32> ids = ServingText.vectorize(tf, in, tf.constant(file.toString()), length, init);
      s.runner().addTarget(init.get(0)).run();
      try (TString t = TString.tensorOf(NdArrays.vectorOfObjects(texts.toArray(String[]::new)));
          TFloat32 out = (TFloat32) s.runner().feed(in, t).fetch(ids).run().get(0)) {
        assertEquals(Shape.of(texts.size(), length), out.shape());
        float[] values = new float[texts.size() * length];
        out.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(values, false, false));
        return values;
      }
    }
  }

  private static List<String> column(Path tsv) throws Exception {
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    return lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf('\t'))).toList();
  }
}
