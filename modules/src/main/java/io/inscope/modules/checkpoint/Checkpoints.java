package io.inscope.modules.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.types.TString;

/**
 * The checkpoints of one run directory: {@code checkpoints/ckpt-<step>/} with the variables (V2
 * format, {@code variables.index} and {@code variables.data-*}), their list ({@code
 * variables.json}), {@code state.json} and, written last, {@code MANIFEST.json} (SHA-256 of every file). A checkpoint is
 * written into a temporary directory and renamed into place, so a crash leaves either the whole
 * checkpoint or none; one whose manifest is missing or does not match is skipped with a warning.
 * After each save the directory's {@code checkpoint} file ({@link CheckpointState}) names the
 * kept checkpoints, so TensorFlow's {@code tf.train.latest_checkpoint} finds the newest.
 * Named checkpoints ({@code checkpoints/best/}, {@code checkpoints/early_stopping_best/}) live beside
 * the numbered ones, outside their retention.
 */
public final class Checkpoints {
  private static final String PREFIX = "ckpt-";
  private static final String MANIFEST = "MANIFEST.json";
  /** The checkpoint of the best evaluation ({@code checkpoint.best}). */
  public static final String BEST = "best";
  /** The weights early stopping restores ({@code restore_best}). */
  public static final String EARLY_STOPPING_BEST = "early_stopping_best";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final int keep;
  private final Consumer<String> warn;

  public Checkpoints(Path dir, int keep, Consumer<String> warn) {
    this.dir = dir;
    this.keep = keep;
    this.warn = warn;
  }

  /**
   * Writes a checkpoint of the session's variables and {@code state}; keeps the newest {@code
   * keep}. A write that fails (disk full) throws an {@link IOException} naming the file, with the
   * checkpoint's temporary directory removed and the earlier checkpoints untouched.
   */
  public Path save(Session session, CheckpointOps ops, TrainingState state) throws IOException {
    Path target = write(session, ops, state, String.format("%s%010d", PREFIX, state.step()));
    // the state file names the new checkpoint only once it is complete and in place, and the old
    // ones go only after it stops naming them: a crash in between leaves a state that is still true
    List<Path> all = list();
    List<Path> kept = all.subList(Math.max(0, all.size() - keep), all.size());
    CheckpointState.of(kept).write(dir);
    prune();
    return target;
  }

  /**
   * Writes a checkpoint named {@code name} ({@link #BEST}, {@link #EARLY_STOPPING_BEST}) outside the
   * retention of the numbered ones, replacing any earlier one of that name.
   */
  public Path saveNamed(Session session, CheckpointOps ops, TrainingState state, String name) throws IOException {
    return write(session, ops, state, name);
  }

  /** A complete named checkpoint, if one was written and its manifest matches. */
  public Optional<Path> named(String name) {
    Path c = dir.resolve(name);
    if (!Files.isDirectory(c)) {
      return Optional.empty();
    }
    String problem = verify(c);
    if (problem != null) {
      warn.accept("skipping checkpoint " + c + ": " + problem);
      return Optional.empty();
    }
    return Optional.of(c);
  }

  private Path write(Session session, CheckpointOps ops, TrainingState state, String name) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempDirectory(dir, ".tmp-" + PREFIX);
    try {
      try (TString prefix = TString.scalarOf(tmp.resolve("variables").toString())) {
        session.runner().feed(ops.prefix(), prefix).addTarget(ops.save()).run();
      } catch (TensorFlowException e) {
        if (e.getClass() == TensorFlowException.class) {
          throw e; // no status class: a lost cluster task, not a file error
        }
        // TensorFlow's own file writes fail with its status (a full disk is RESOURCE_EXHAUSTED)
        String reason = String.valueOf(e.getMessage()).strip().lines().findFirst().orElse("");
        throw new FileSystemException(tmp.resolve("variables").toString(), null, reason);
      }
      Files.writeString(tmp.resolve("state.json"), JSON.writeValueAsString(state));
      Files.writeString(tmp.resolve("variables.json"), JSON.writeValueAsString(ops.variables()));
      Files.writeString(tmp.resolve("replicas.json"), JSON.writeValueAsString(replicaChecksums(session, ops)));
      writeSynced(tmp.resolve(MANIFEST), JSON.writeValueAsBytes(checksums(tmp)));
    } catch (IOException | RuntimeException e) {
      // a failed save (disk full) leaves the earlier checkpoints and nothing half-written
      try {
        deleteTree(tmp);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
    Path target = dir.resolve(name);
    if (Files.exists(target)) {
      deleteTree(target);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  /**
   * For every variable, the checksum of each replica's component at save time: a checkpoint holds
   * one copy, and this is the record that the replicas had not drifted apart.
   */
  private static Map<String, List<String>> replicaChecksums(Session session, CheckpointOps ops) {
    Session.Runner runner = session.runner();
    ops.components().forEach(list -> list.forEach(runner::fetch));
    Map<String, List<String>> sums = new LinkedHashMap<>();
    try (Result r = runner.run()) {
      int i = 0;
      for (int v = 0; v < ops.variables().size(); v++) {
        List<String> perReplica = new ArrayList<>();
        for (int c = 0; c < ops.components().get(v).size(); c++) {
          perReplica.add(Checksums.of(r.get(i++)));
        }
        sums.put(ops.variables().get(v).name(), perReplica);
      }
    }
    return sums;
  }

  /**
   * One checksum over every variable (replica 0's component, in order, optimizer slots included):
   * two tasks of a between-graph job print the same one when their weights are bit-identical.
   */
  public static String weightsChecksum(Session session, CheckpointOps ops) {
    StringBuilder all = new StringBuilder();
    replicaChecksums(session, ops).forEach((name, sums) -> all.append(name).append('=').append(sums.get(0)).append('\n'));
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(all.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Each variable's per-replica checksums, as written when the checkpoint was saved. */
  @SuppressWarnings("unchecked")
  public static Map<String, List<String>> readReplicaChecksums(Path checkpoint) throws IOException {
    return JSON.readValue(checkpoint.resolve("replicas.json").toFile(), LinkedHashMap.class);
  }

  /**
   * Removes the temporary directories of saves that never finished (the process was killed while
   * writing); call only while holding the run directory. Returns how many were removed.
   */
  public int removeUnfinished() throws IOException {
    return deleteMatching(".tmp-" + PREFIX);
  }

  /** Removes every checkpoint ({@code --fresh}); returns how many complete ones there were. */
  public int removeAll() throws IOException {
    int complete = list().size();
    Files.deleteIfExists(dir.resolve(CheckpointState.FILE));
    deleteMatching(PREFIX);
    deleteMatching(BEST);
    deleteMatching(EARLY_STOPPING_BEST);
    removeUnfinished();
    return complete;
  }

  private int deleteMatching(String prefix) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    List<Path> found;
    try (Stream<Path> s = Files.list(dir)) {
      found = s.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)).toList();
    }
    for (Path p : found) {
      deleteTree(p);
    }
    return found.size();
  }

  /** The newest checkpoint whose manifest matches its files. */
  public Optional<Path> latest() throws IOException {
    List<Path> all = list();
    for (int i = all.size() - 1; i >= 0; i--) {
      Path c = all.get(i);
      String problem = verify(c);
      if (problem == null) {
        return Optional.of(c);
      }
      warn.accept("skipping checkpoint " + c + ": " + problem);
    }
    return Optional.empty();
  }

  /** Restores the variables of {@code checkpoint} into every replica; returns its state. */
  public TrainingState restore(Session session, CheckpointOps ops, Path checkpoint) throws IOException {
    try (TString prefix = TString.scalarOf(checkpoint.resolve("variables").toString())) {
      session.runner().feed(ops.prefix(), prefix).addTarget(ops.restore()).run();
    }
    return readState(checkpoint);
  }

  /** The variables a checkpoint holds: name, shape and dtype. */
  public static List<CheckpointOps.SavedVariable> readVariables(Path checkpoint) throws IOException {
    return List.of(JSON.readValue(checkpoint.resolve("variables.json").toFile(), CheckpointOps.SavedVariable[].class));
  }

  public static TrainingState readState(Path checkpoint) throws IOException {
    return JSON.readValue(checkpoint.resolve("state.json").toFile(), TrainingState.class);
  }

  /** Checkpoint directories, oldest first. */
  public List<Path> list() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
          .sorted()
          .toList();
    }
  }

  private String verify(Path checkpoint) {
    Path manifest = checkpoint.resolve(MANIFEST);
    if (!Files.exists(manifest)) {
      return "no " + MANIFEST + " (the write did not finish)";
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, String> expected = JSON.readValue(manifest.toFile(), TreeMap.class);
      Map<String, String> actual = checksums(checkpoint);
      actual.remove(MANIFEST);
      return expected.equals(actual) ? null : "files do not match " + MANIFEST;
    } catch (IOException e) {
      return "unreadable " + MANIFEST + " (" + e.getMessage() + ")";
    }
  }

  private static Map<String, String> checksums(Path d) throws IOException {
    Map<String, String> sums = new TreeMap<>();
    try (Stream<Path> s = Files.list(d)) {
      for (Path f : s.sorted().toList()) {
        if (!f.getFileName().toString().equals(MANIFEST)) {
          sums.put(f.getFileName().toString(), sha256(f));
        }
      }
    }
    return sums;
  }

  private static String sha256(Path f) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(Files.readAllBytes(f)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void writeSynced(Path f, byte[] bytes) throws IOException {
    try (FileChannel ch =
        FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
  }

  private void prune() throws IOException {
    List<Path> all = new ArrayList<>(list());
    while (all.size() > keep) {
      deleteTree(all.remove(0));
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
