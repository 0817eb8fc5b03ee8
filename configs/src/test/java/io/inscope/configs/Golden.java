package io.inscope.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares generated text with a checked-in golden file. {@code -Dgolden.update=true} rewrites the
 * golden files instead (then read the diff); they are never edited by hand.
 */
public final class Golden {
  private Golden() {}

  public static boolean updating() {
    return Boolean.getBoolean("golden.update");
  }

  public static void check(Path golden, String actual) throws IOException {
    if (updating()) {
      Files.writeString(golden, actual);
      return;
    }
    assertTrue(Files.exists(golden), golden + " is missing; run the tests with -Dgolden.update=true to create it");
    assertEquals(Files.readString(golden), actual,
        golden + " differs; if the new text is right, run the tests with -Dgolden.update=true");
  }
}
