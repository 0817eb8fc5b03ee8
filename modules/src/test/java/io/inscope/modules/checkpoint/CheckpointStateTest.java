package io.inscope.modules.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code checkpoint} file: TensorFlow's CheckpointState text format, written atomically. */
class CheckpointStateTest {
  @TempDir Path dir;

  @Test
  void writesTheTextFormatTensorFlowReads() throws Exception {
    CheckpointState s = CheckpointState.of(List.of(dir.resolve("ckpt-0000000400"), dir.resolve("ckpt-0000000600")));
    s.write(dir);
    assertEquals("""
        model_checkpoint_path: "ckpt-0000000600/variables"
        all_model_checkpoint_paths: "ckpt-0000000400/variables"
        all_model_checkpoint_paths: "ckpt-0000000600/variables"
        """, Files.readString(dir.resolve("checkpoint")));
    assertEquals(s, CheckpointState.read(dir).orElseThrow());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("checkpoint")), files.toList(), "no temporary file is left");
    }
  }

  @Test
  void replacesTheFileAndEscapesQuotes() throws Exception {
    CheckpointState.of(List.of(dir.resolve("ckpt-0000000001"))).write(dir);
    CheckpointState odd = new CheckpointState("a\"b\\c/variables", List.of("a\"b\\c/variables"));
    odd.write(dir);
    assertTrue(Files.readString(dir.resolve("checkpoint")).startsWith("model_checkpoint_path: \"a\\\"b\\\\c/variables\"\n"));
    assertEquals(odd, CheckpointState.read(dir).orElseThrow());
  }

  @Test
  void readsAFileWrittenByTensorFlowsSaverWithTimestamps() throws Exception {
    Files.writeString(dir.resolve("checkpoint"), """
        model_checkpoint_path: "ckpt-2"
        all_model_checkpoint_paths: "ckpt-1"
        all_model_checkpoint_paths: "ckpt-2"
        all_model_checkpoint_timestamps: 1764000000.5
        last_preserved_timestamp: 1763999999.25
        """);
    assertEquals(new CheckpointState("ckpt-2", List.of("ckpt-1", "ckpt-2")), CheckpointState.read(dir).orElseThrow());
    assertFalse(CheckpointState.read(dir.resolve("missing")).isPresent());
  }

  @Test
  void theLatestMustBeTheLastKept() {
    assertThrows(IllegalArgumentException.class, () -> new CheckpointState("b", List.of("b", "a")));
  }
}
