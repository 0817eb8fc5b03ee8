package io.inscope.modules.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.data.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlobsTest {
  @TempDir Path dir;

  @Test
  void starAndQuestionMarkMatchWithinTheName() {
    assertTrue(Globs.regex("train-*.tfrecord").matcher("train-00.tfrecord").matches());
    assertFalse(Globs.regex("train-*.tfrecord").matcher("train-00.tfrecordx").matches());
    assertTrue(Globs.regex("part-?.rec").matcher("part-1.rec").matches());
    assertFalse(Globs.regex("part-?.rec").matcher("part-10.rec").matches());
    assertTrue(Globs.regex("a[1].rec").matcher("a[1].rec").matches());
    assertFalse(Globs.regex("a[1].rec").matcher("a1.rec").matches());
  }

  @Test
  void matchesAreSortedAndPatternsKeepTheirOrder() throws IOException, DataException {
    for (String name : List.of("b-2", "b-1", "a-1", "c")) {
      Files.writeString(dir.resolve(name), "");
    }
    List<Path> files = Globs.expand(List.of(dir.resolve("c").toString(), dir.resolve("?-*").toString()), "tfrecord.paths");
    assertEquals(List.of(dir.resolve("c"), dir.resolve("a-1"), dir.resolve("b-1"), dir.resolve("b-2")), files);
  }

  @Test
  void noMatchIsAnError() {
    DataException e = assertThrows(DataException.class, () -> Globs.expand(List.of(dir.resolve("x-*").toString()), "tfrecord.paths"));
    assertEquals("tfrecord.paths: " + dir.resolve("x-*") + ": no file matches; check the pattern (* and ? match within the file name)", e.getMessage());
  }
}
