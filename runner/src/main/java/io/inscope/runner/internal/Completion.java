package io.inscope.runner.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code finished.json}, written last (after the final checkpoint, evaluation and export) by a run
 * that trained to the end, e.g. {@code {"job":"iris","steps":600,"spec_sha256":"9f2c...",
 * "metrics":"eval loss 0.0684, accuracy 0.9688","finished_at":"2026-11-24T19:30:00Z"}}. A job is
 * finished when this file holds the hash of the job as now resolved: rerunning it does nothing. A
 * changed job (more steps, another learning rate, export switched on) resumes from the latest
 * checkpoint instead, training only the steps that are missing, and then evaluates and exports.
 */
public record Completion(
    String job,
    long steps,
    @JsonProperty("spec_sha256") String specSha256,
    String metrics,
    @JsonProperty("finished_at") String finishedAt) {
  public static final String FILE = "finished.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The completion recorded in {@code runDir}; empty when there is none or it cannot be read. */
  public static Optional<Completion> read(Path runDir) {
    Path f = runDir.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(f.toFile(), Completion.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public void write(RunDirectory run) throws IOException {
    run.writeAtomically(FILE, JSON.writeValueAsString(this) + "\n");
  }

  /** Whether this records a run of the job whose resolved text hashes to {@code specSha256}. */
  public boolean matches(String specSha256) {
    return this.specSha256.equals(specSha256);
  }
}
