package io.inscope.runner.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inscope.modules.train.StepMetrics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per log step and per evaluation, appended and flushed as
 * it happens (training lines carry the learning rate the last step applied), e.g. {@code {"split":"train","step":100,"epoch":1,"loss":0.41,"accuracy":0.86,
 * "learning_rate":0.001,"examples_per_sec":5230.1,"time":"..."}}. A resumed run appends, so steps after the checkpoint it
 * resumed from appear again (readers keep the last line of a split and step); a line cut short by
 * a killed run is dropped when the file is opened again.
 */
public final class MetricsFile implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;
  private final Path file;

  public MetricsFile(Path file) throws IOException {
    this.file = file;
    dropPartialLastLine(file);
    out = Files.newBufferedWriter(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  public void write(StepMetrics m) {
    ObjectNode o = JSON.createObjectNode();
    o.put("split", m.split());
    o.put("step", m.step());
    o.put("epoch", m.epoch());
    o.put("loss", m.loss());
    for (Map.Entry<String, Double> e : m.metrics().entrySet()) {
      o.put(e.getKey(), e.getValue());
    }
    if (m.learningRate() != null) {
      o.put("learning_rate", m.learningRate());
    }
    if (m.lossScale() != null) {
      o.put("loss_scale", m.lossScale());
    }
    o.put("examples_per_sec", m.examplesPerSecond());
    o.put("time", java.time.Instant.now().toString());
    try {
      out.write(JSON.writeValueAsString(o));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      // a full disk leaves at most a cut last line, which the next open drops
      throw new UncheckedIOException(e instanceof FileSystemException ? e
          : (IOException) new FileSystemException(file.toString(), null, e.getMessage()).initCause(e));
    }
  }

  private static void dropPartialLastLine(Path file) throws IOException {
    if (!Files.exists(file)) {
      return;
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long end = ch.size();
      ByteBuffer one = ByteBuffer.allocate(1);
      while (end > 0) {
        one.clear();
        ch.read(one, end - 1);
        if (one.get(0) == '\n') {
          break;
        }
        end--;
      }
      if (end < ch.size()) {
        ch.truncate(end);
      }
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
