package io.inscope.modules.data.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The run directory's small text files ({@code classes.txt}, {@code vocabulary.txt}): strict UTF-8, atomic writes. */
public final class TextFiles {
  private TextFiles() {}

  /**
   * Writes {@code text} as UTF-8 to a temporary file beside {@code file} ({@code .<name><digits>.tmp},
   * the name the run directory cleans up), then renames it over {@code file}.
   */
  public static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The file's text; malformed or unmappable UTF-8 is a {@link CharacterCodingException}, never replaced. */
  public static String readUtf8(Path file) throws IOException {
    return StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
        .toString();
  }
}
