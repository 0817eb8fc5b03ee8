package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassNamesTest {
  @TempDir Path dir;

  @Test
  void writesOneUtf8NamePerLineInIdOrderAndReadsItBack() throws Exception {
    ClassNames names = ClassNames.sorted(List.of("zebra", "Äffchen", "ant", "zebra", "moth eater"));
    // Java's String order, as the CSV source always numbered string labels: 'Ä' (U+00C4) after 'z'
    assertEquals(List.of("ant", "moth eater", "zebra", "Äffchen"), names.names());
    Path file = dir.resolve(ClassNames.FILE);
    names.write(file);
    assertEquals("ant\nmoth eater\nzebra\nÄffchen\n", Files.readString(file, StandardCharsets.UTF_8));
    assertEquals(names, ClassNames.read(file));
    assertEquals(2, names.id("zebra"));
    assertEquals(-1, names.id("Zebra"));
    assertEquals(Optional.of(names), ClassNames.readIfPresent(dir));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left");
    }
  }

  @Test
  void readAcceptsCrlfABomAndNoFinalLineBreak() throws Exception {
    Path file = dir.resolve(ClassNames.FILE);
    Files.writeString(file, "\uFEFFcat\r\ndog");
    assertEquals(List.of("cat", "dog"), ClassNames.read(file).names());
    assertEquals(Optional.empty(), ClassNames.readIfPresent(dir.resolve("other")));
  }

  @Test
  void damagedFilesAreErrorsNamingFileAndLine() throws Exception {
    Path file = dir.resolve(ClassNames.FILE);
    Files.writeString(file, "cat\ndog\ncat\n");
    DataException e = assertThrows(DataException.class, () -> ClassNames.read(file));
    assertTrue(e.getMessage().startsWith(file + ":3: class 'cat' is also on line 1; the file is damaged"), e.getMessage());
    Files.writeString(file, "cat\n\ndog\n");
    e = assertThrows(DataException.class, () -> ClassNames.read(file));
    assertTrue(e.getMessage().startsWith(file + ":2: empty class name;"), e.getMessage());
    Files.writeString(file, "");
    e = assertThrows(DataException.class, () -> ClassNames.read(file));
    assertTrue(e.getMessage().startsWith(file + ": holds no class names;"), e.getMessage());
    Files.write(file, new byte[] {'a', (byte) 0xff, '\n'});
    e = assertThrows(DataException.class, () -> ClassNames.read(file));
    assertTrue(e.getMessage().startsWith(file + ": not UTF-8 text;"), e.getMessage());
  }

  @Test
  void namesMustBeDistinctNonEmptyAndOnOneLine() {
    assertThrows(IllegalArgumentException.class, () -> ClassNames.of(List.of("a", "a")));
    assertThrows(IllegalArgumentException.class, () -> ClassNames.of(List.of("")));
    assertThrows(IllegalArgumentException.class, () -> ClassNames.of(List.of("a\nb")));
    assertThrows(IllegalArgumentException.class, () -> ClassNames.of(List.of()));
  }
}
