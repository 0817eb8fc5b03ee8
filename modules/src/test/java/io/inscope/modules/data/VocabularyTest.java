package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against Keras' TextVectorization: tools/text-vectorization-reference.py wrote the expected files. */
class VocabularyTest {
  private static final Path TEXT = Path.of("src/test/resources/text");

  @TempDir Path dir;

  @Test
  void edgeCasesMatchKeras() throws Exception {
    List<String> texts = Files.readAllLines(TEXT.resolve("edge-cases.texts.txt"), StandardCharsets.UTF_8);
    // the first 8 texts were adapted on, all 10 vectorized (max_tokens=12, output_sequence_length=6)
    Vocabulary v = Vocabulary.learn(texts.subList(0, 8).stream().map(Vocabulary::tokens).toList(), 12);
    assertEquals(keras("edge-cases.vocabulary.txt"), v.tokens());
    assertIds(v, texts, 6, "edge-cases.ids.txt");
  }

  @Test
  void reviewsMatchKeras() throws Exception {
    List<String> train = column(Path.of("../examples/data/reviews-train.tsv"));
    List<String> all = new ArrayList<>(train);
    all.addAll(column(Path.of("../examples/data/reviews-test.tsv")));
    Vocabulary v = Vocabulary.learn(train.stream().map(Vocabulary::tokens).toList(), null);
    assertEquals(keras("reviews.vocabulary.txt"), v.tokens());
    assertIds(v, all, 12, "reviews.ids.txt");
  }

  @Test
  void standardizesAndSplitsAsKeras() {
    assertEquals(List.of("dont", "stop", "émile", "Émile", "1000", "25"), Vocabulary.tokens("  DON'T\tstop!! émile ÉMILE 1,000 2.5 "));
    assertEquals(List.of(), Vocabulary.tokens(" ... "));
  }

  @Test
  void savedFileRoundTripsAndDamageIsReported() throws Exception {
    Vocabulary v = Vocabulary.learn(List.of(List.of("b", "a", "b")), null);
    Path file = dir.resolve(Vocabulary.FILE);
    v.write(file);
    assertEquals("\n[UNK]\nb\na\n", Files.readString(file));
    assertEquals(v, Vocabulary.read(file));
    Files.writeString(file, "[UNK]\nb\n");
    DataException e = assertThrows(DataException.class, () -> Vocabulary.read(file));
    assertTrue(e.getMessage().contains("line 1 must be empty (padding, id 0) and line 2 [UNK] (id 1)"), e.getMessage());
  }

  private static void assertIds(Vocabulary v, List<String> texts, int length, String expectedFile) throws Exception {
    List<String> expected = Files.readAllLines(TEXT.resolve(expectedFile));
    assertEquals(texts.size(), expected.size());
    float[] ids = new float[length];
    for (int i = 0; i < texts.size(); i++) {
      v.vectorize(texts.get(i), length, ids, 0);
      StringBuilder got = new StringBuilder();
      for (float id : ids) {
        got.append(got.isEmpty() ? "" : " ").append((int) id);
      }
      assertEquals(expected.get(i), got.toString(), "text " + i + ": " + texts.get(i));
    }
  }

  private static List<String> keras(String file) throws Exception {
    String text = Files.readString(TEXT.resolve(file), StandardCharsets.UTF_8);
    return List.of(text.substring(0, text.length() - 1).split("\n", -1));
  }

  private static List<String> column(Path tsv) throws Exception {
    List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
    return lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf('\t'))).toList();
  }
}
