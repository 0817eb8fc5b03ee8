package io.inscope.runner.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;

/** Writes the trained model as a SavedModel with a {@code serving_default} signature. */
public final class Exporter {
  private Exporter() {}

  public static void savedModel(JobSession session, Path dir) throws IOException {
    Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
    if (Files.exists(tmp)) {
      deleteTree(tmp);
    }
    Files.createDirectories(tmp.getParent());
    Signature serving = Signature.builder()
        .key(Signature.DEFAULT_KEY)
        .input("inputs", session.step.evalFeatures())
        .output("outputs", session.step.outputs())
        .build();
    SavedModelBundle.exporter(tmp.toString()).withSession(session.session()).withSignature(serving).export();
    if (Files.exists(dir)) {
      deleteTree(dir);
    }
    Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
