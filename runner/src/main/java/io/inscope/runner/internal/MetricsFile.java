package io.inscope.runner.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inscope.modules.train.StepMetrics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per log step and per evaluation, appended and flushed as
 * it happens, e.g. {@code {"split":"train","step":100,"epoch":1,"loss":0.41,"accuracy":0.86,
 * "examples_per_sec":5230.1,"time":"..."}}.
 */
public final class MetricsFile implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;

  public MetricsFile(Path file) throws IOException {
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
    o.put("examples_per_sec", m.examplesPerSecond());
    o.put("time", java.time.Instant.now().toString());
    try {
      out.write(JSON.writeValueAsString(o));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
