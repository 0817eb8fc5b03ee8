package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

/** The event files a run writes, read back with {@link EventFiles}. */
class TensorBoardEventsTest {
  @TempDir Path tmp;

  @Test
  void aRunWritesScalarsHistogramsAndTheGraph() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "tensorboard: {histograms_every_steps: 30}\n");
    Path out = tmp.resolve("out");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());

    List<Event> train = only(out.resolve("tensorboard/train"));
    assertEquals("brain.Event:2", train.get(0).getFileVersion());
    Map<String, List<Long>> scalars = steps(train, Summary.Value.ValueCase.SIMPLE_VALUE);
    List<Long> logSteps = List.of(20L, 40L, 60L);
    assertEquals(Map.of("loss", logSteps, "accuracy", logSteps, "learning_rate", logSteps, "examples_per_second", logSteps), scalars);
    assertEquals(List.of(0.05f, 0.05f, 0.05f), values(train, "learning_rate"));
    assertEquals(jsonl(out, "train", "loss"), values(train, "loss"));
    assertEquals(jsonl(out, "train", "accuracy"), values(train, "accuracy"));

    Map<String, List<Long>> histograms = steps(train, Summary.Value.ValueCase.HISTO);
    assertEquals(4, histograms.size(), "kernel and bias of two dense layers: " + histograms.keySet());
    histograms.values().forEach(s -> assertEquals(List.of(0L, 30L, 60L), s));
    String kernel = histograms.keySet().stream().filter(t -> t.contains("kernel")).sorted().findFirst().orElseThrow();
    assertEquals(8 * 16, firstHistogram(train, kernel).getNum(), 0.0);

    List<Event> graphs = train.stream().filter(Event::hasGraphDef).toList();
    assertEquals(1, graphs.size());
    assertTrue(GraphDef.parseFrom(graphs.get(0).getGraphDef()).getNodeCount() > 10);
    assertEquals(SessionLog.SessionStatus.START, train.get(1).getSessionLog().getStatus());

    List<Event> eval = only(out.resolve("tensorboard/eval"));
    assertEquals(Map.of("loss", List.of(60L), "accuracy", List.of(60L), "examples_per_second", List.of(60L)),
        steps(eval, Summary.Value.ValueCase.SIMPLE_VALUE));
    assertEquals(jsonl(out, "eval", "loss"), values(eval, "loss"));
  }

  @Test
  void aResumedRunAddsAFileThatRestartsAtTheCheckpointStep() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "tensorboard: {histograms_every_steps: 0}\n");
    Path out = tmp.resolve("out");
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet", "--set", "train.steps=25").exit());
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet").exit());
    List<Path> files = EventFiles.in(out.resolve("tensorboard/train"));
    assertEquals(2, files.size(), files.toString());
    List<Event> second = EventFiles.read(files.get(1));
    Event start = second.stream().filter(Event::hasSessionLog).findFirst().orElseThrow();
    assertEquals(25, start.getStep());
    assertEquals(Map.of(40L, 1L, 60L, 1L), countByStep(second, "loss"));
    assertTrue(steps(second, Summary.Value.ValueCase.HISTO).isEmpty(), "histograms_every_steps: 0 writes none");
  }

  @Test
  void theOffSwitchWritesNothing() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "tensorboard: {enabled: false}\n");
    Path out = tmp.resolve("out");
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet", "--set", "train.steps=5").exit());
    assertFalse(Files.exists(out.resolve("tensorboard")));
  }

  @Test
  void theReaderRejectsACorruptRecord() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = tmp.resolve("out");
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet", "--set", "train.steps=5").exit());
    Path file = only(out.resolve("tensorboard/eval"), EventFiles.in(out.resolve("tensorboard/eval")));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 6] ^= 1;
    Files.write(file, bytes);
    IOException e = assertThrows(IOException.class, () -> EventFiles.read(file));
    assertTrue(e.getMessage().contains("bad data checksum"), e.getMessage());
  }

  private static List<Event> only(Path dir) throws IOException {
    return EventFiles.read(only(dir, EventFiles.in(dir)));
  }

  private static Path only(Path dir, List<Path> files) {
    assertEquals(1, files.size(), dir + ": " + files);
    return files.get(0);
  }

  /** Steps at which each tag has a value of the given case, in file order. */
  private static Map<String, List<Long>> steps(List<Event> events, Summary.Value.ValueCase kind) {
    Map<String, List<Long>> steps = new TreeMap<>();
    for (Event e : events) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        if (v.getValueCase() == kind) {
          steps.computeIfAbsent(v.getTag(), t -> new ArrayList<>()).add(e.getStep());
        }
      }
    }
    return steps;
  }

  private static Map<Long, Long> countByStep(List<Event> events, String tag) {
    Map<Long, Long> n = new TreeMap<>();
    for (Event e : events) {
      e.getSummary().getValueList().stream().filter(v -> v.getTag().equals(tag)).forEach(v -> n.merge(e.getStep(), 1L, Long::sum));
    }
    return n;
  }

  private static List<Float> values(List<Event> events, String tag) {
    return events.stream().flatMap(e -> e.getSummary().getValueList().stream())
        .filter(v -> v.getTag().equals(tag)).map(Summary.Value::getSimpleValue).toList();
  }

  private static org.tensorflow.proto.HistogramProto firstHistogram(List<Event> events, String tag) {
    return events.stream().flatMap(e -> e.getSummary().getValueList().stream())
        .filter(v -> v.getTag().equals(tag) && v.hasHisto()).findFirst().orElseThrow().getHisto();
  }

  private static List<Float> jsonl(Path runDir, String split, String key) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<Float> values = new ArrayList<>();
    for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
      JsonNode n = json.readTree(line);
      if (n.get("split").asText().equals(split)) {
        values.add((float) n.get(key).asDouble());
      }
    }
    return values;
  }
}
