package io.inscope.runner.internal;

import io.inscope.configs.JobSpec;
import io.inscope.modules.data.ClassNames;
import io.inscope.modules.data.PreprocessingCompiler;
import io.inscope.modules.data.Vocabulary;
import io.inscope.modules.layers.ModelFactory;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.train.ServingGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TString;

/**
 * Writes the trained model for serving as {@code <base>/<step>/}, a SavedModel (see {@link
 * SavedModelWriter}) in the numeric version folder that TensorFlow Serving expects, and keeps the
 * newest {@code export.keep} versions. The SavedModel holds a {@link ServingGraph}, not the training
 * graph: one copy of each model variable, no device, no optimizer or TPU ops, so it serves on any
 * machine whatever strategy trained it. Assets: {@code classes.txt} ({@link LabelVocabulary}),
 * {@code job.resolved.yaml} and, for text models, {@code vocabulary.txt} ({@link Vocabulary}). Each version is written to a temporary folder and renamed.
 */
public final class Exporter {
  private Exporter() {}

  /** Exports the training session's model (replica 0's values) as version {@code step}; returns its folder. */
  public static Path savedModel(JobSession session, Path base, long step, int keep, String resolvedJob)
      throws IOException {
    return write(base, step, keep, (graph, assetsDir) -> {
      ServingGraph serving = ServingGraph.build(graph, session.models, session.preprocessing, session.job, assetsDir);
      List<String> names = LabelVocabulary.of(session.classes, serving.head().classCount(units(serving)));
      Session s = new Session(graph);
      try (Result trained = fetchTrained(session, serving.variables())) {
        Session.Runner load = s.runner();
        for (int i = 0; i < serving.values().size(); i++) {
          load.feed(serving.values().get(i), trained.get(i));
        }
        load.addTarget(serving.load()).run();
      } catch (RuntimeException e) {
        s.close();
        throw e;
      }
      return new Built(serving, s, assets(names, resolvedJob, session.vocabulary));
    });
  }

  /**
   * Exports the model of {@code job} with the variables of the checkpoint at {@code prefix} (a
   * training checkpoint: its other variables are ignored).
   */
  public static Path fromCheckpoint(JobSpec job, ModelFactory models, PreprocessingCompiler preprocessing, Path prefix,
      Optional<ClassNames> classes, Optional<Vocabulary> vocabulary, String resolvedJob, Path base, long step, int keep) throws IOException {
    return write(base, step, keep, (graph, assetsDir) -> {
      ServingGraph serving = ServingGraph.build(graph, models, preprocessing, job, assetsDir);
      List<String> names = LabelVocabulary.of(classes, serving.head().classCount(units(serving)));
      Session s = new Session(graph);
      try (TString p = TString.scalarOf(prefix.toString())) {
        s.runner().feed(serving.checkpoint().prefix(), p).addTarget(serving.checkpoint().restore()).run();
      } catch (RuntimeException e) {
        s.close();
        throw e;
      }
      return new Built(serving, s, assets(names, resolvedJob, vocabulary));
    });
  }

  /** The size of the last axis of the model's output. */
  static long units(ServingGraph serving) {
    org.tensorflow.ndarray.Shape s = serving.outputs().values().iterator().next().shape();
    return s.get(s.numDimensions() - 1);
  }

  private record Built(ServingGraph graph, Session session, Map<String, byte[]> assets) {}

  private interface Builder {
    Built build(Graph graph, Path assetsDir) throws IOException;
  }

  private static Path write(Path base, long step, int keep, Builder builder) throws IOException {
    Path dir = base.resolve(Long.toString(step));
    Path tmp = base.resolve(".tmp-" + step);
    if (Files.exists(tmp)) {
      deleteTree(tmp);
    }
    Files.createDirectories(base);
    try (Graph g = new Graph()) {
      Built built = builder.build(g, dir.resolve("assets"));
      try (Session s = built.session()) {
        SavedModelWriter.write(s, built.graph(), tmp, built.assets());
      }
    }
    if (Files.exists(dir)) {
      deleteTree(dir);
    }
    Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    List<Path> versions = versions(base);
    for (int i = 0; i < versions.size() - keep; i++) {
      deleteTree(versions.get(i));
    }
    return dir;
  }

  /** The numeric version folders under {@code base}, lowest first. */
  public static List<Path> versions(Path base) throws IOException {
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(base)) {
      return s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("\\d{1,18}"))
          .sorted((a, b) -> Long.compare(Long.parseLong(a.getFileName().toString()), Long.parseLong(b.getFileName().toString())))
          .toList();
    }
  }

  /** The highest version under {@code base}. */
  public static Optional<Path> latest(Path base) throws IOException {
    List<Path> v = versions(base);
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  private static Map<String, byte[]> assets(List<String> classNames, String resolvedJob, Optional<Vocabulary> vocabulary) {
    Map<String, byte[]> a = new HashMap<>();
    a.put(ServingGraph.CLASSES_ASSET, LabelVocabulary.text(classNames));
    a.put(ServingGraph.JOB_ASSET, resolvedJob.getBytes(StandardCharsets.UTF_8));
    vocabulary.ifPresent(v -> a.put(ServingGraph.VOCABULARY_ASSET, ServingGraph.vocabularyAsset(v)));
    return a;
  }

  /** Replica 0's value of each variable, read in the training session. */
  private static Result fetchTrained(JobSession session, List<MirroredVariable<?>> variables) {
    Map<String, Integer> index = new HashMap<>();
    List<MirroredVariable<?>> trained = session.step.variables();
    for (int i = 0; i < trained.size(); i++) {
      index.put(trained.get(i).name(), i);
    }
    Session.Runner r = session.session().runner();
    for (MirroredVariable<?> v : variables) {
      Integer i = index.get(v.name());
      if (i == null) {
        throw new IllegalStateException("the training graph has no variable '" + v.name() + "' to export");
      }
      r.fetch(session.checkpointOps.components().get(i).get(0));
    }
    return r.run();
  }

  private static void deleteTree(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
