package io.inscope.modules.checkpoint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code checkpoint} file of a checkpoints directory, in TensorFlow's CheckpointState text
 * format, so that {@code tf.train.latest_checkpoint(run/checkpoints)} and TensorFlow's other tools
 * find the newest checkpoint:
 *
 * <pre>
 * model_checkpoint_path: "ckpt-0000000600/variables"
 * all_model_checkpoint_paths: "ckpt-0000000400/variables"
 * all_model_checkpoint_paths: "ckpt-0000000600/variables"
 * </pre>
 *
 * <p>Prefixes are relative to the directory that holds the file; {@code all} lists the kept
 * checkpoints oldest first, ending with {@code latest}, as TensorFlow's saver writes them.
 *
 * @param latest the newest complete checkpoint's prefix
 * @param all every kept checkpoint's prefix, oldest first
 */
public record CheckpointState(String latest, List<String> all) {
  /** The file's name, as TensorFlow's {@code latest_checkpoint} looks for it. */
  public static final String FILE = "checkpoint";
  private static final Pattern LINE = Pattern.compile("\\s*(\\w+)\\s*:\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+))\\s*");

  public CheckpointState {
    all = List.copyOf(all);
    if (all.isEmpty() || !all.get(all.size() - 1).equals(latest)) {
      throw new IllegalArgumentException("the kept checkpoints " + all + " must end with the latest, " + latest);
    }
  }

  /** The state of {@code checkpoints}, oldest first: each directory's {@code variables} prefix. */
  public static CheckpointState of(List<Path> checkpoints) {
    List<String> prefixes = checkpoints.stream().map(c -> c.getFileName() + "/variables").toList();
    return new CheckpointState(prefixes.get(prefixes.size() - 1), prefixes);
  }

  public String text() {
    StringBuilder s = new StringBuilder();
    s.append("model_checkpoint_path: \"").append(escape(latest)).append("\"\n");
    for (String p : all) {
      s.append("all_model_checkpoint_paths: \"").append(escape(p)).append("\"\n");
    }
    return s.toString();
  }

  /**
   * Writes {@code dir/checkpoint} through a synced temporary file renamed over it, so a reader (or
   * a crash) sees the previous state or this one, never part of a file.
   */
  public void write(Path dir) throws IOException {
    Path tmp = dir.resolve("." + FILE + ".tmp");
    Files.deleteIfExists(tmp);
    try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(text().getBytes(StandardCharsets.UTF_8)));
      ch.force(true);
    }
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The state written in {@code dir}, if any. */
  public static Optional<CheckpointState> read(Path dir) throws IOException {
    Path f = dir.resolve(FILE);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    String latest = null;
    List<String> all = new ArrayList<>();
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new IOException(f + ": not a CheckpointState line: " + line);
      }
      String value = m.group(2) == null ? m.group(3) : m.group(2).replaceAll("\\\\(.)", "$1");
      switch (m.group(1)) {
        case "model_checkpoint_path" -> latest = value;
        case "all_model_checkpoint_paths" -> all.add(value);
        default -> { } // timestamps that TensorFlow's own saver may add
      }
    }
    if (latest == null) {
      throw new IOException(f + ": no model_checkpoint_path");
    }
    return Optional.of(new CheckpointState(latest, all.isEmpty() ? List.of(latest) : all));
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
