package io.inscope.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Injector;
import io.inscope.configs.data.DataSpec;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.modules.data.ClassNames;
import io.inscope.modules.data.Vocabulary;
import io.inscope.modules.data.DataException;
import io.inscope.modules.data.DataLoader;
import io.inscope.modules.data.EvalData;
import io.inscope.modules.data.EvalStream;
import io.inscope.modules.metrics.ConfusionMatrix;
import io.inscope.modules.metrics.Metric;
import io.inscope.modules.train.Evaluator;
import io.inscope.modules.train.StepMetrics;
import io.inscope.runner.internal.ConfusionMatrixCsv;
import io.inscope.runner.internal.DataFiles;
import io.inscope.runner.internal.Injectors;
import io.inscope.runner.internal.JobSession;
import io.inscope.runner.internal.TrainedRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The job's loss and metrics for the newest checkpoint of a run directory, computed as the run
 * loop computes them at an evaluation: on the eval split (the training split when the job has
 * none), or on other files of the same kind ({@code --data}).
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {"The job's loss and metrics for the latest checkpoint of RUN_DIR, on its eval split or on --data files.",
        "--data takes files of the job's source kind: csv FILE.csv; idx IMAGES.idx LABELS.idx; tfrecord FILE..."})
public final class EvaluateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "a run directory") Path runDir;

  @Option(names = "--data", arity = "1..*", paramLabel = "FILE",
      description = "evaluate on these files instead of the job's eval split (same kind, columns and features)")
  List<Path> data = new ArrayList<>();

  @Option(names = "--json", description = "print one JSON object instead of a table")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    TrainedRun run = TrainedRun.open(runDir, w -> err.println("warning: " + w));
    Injector injector = Injectors.forJob(run.job().plugins());
    Optional<ClassNames> saved;
    Optional<Vocabulary> vocabulary;
    try {
      saved = ClassNames.readIfPresent(runDir);
      vocabulary = Vocabulary.readIfPresent(runDir);
    } catch (DataException e) {
      throw new UserException(ExitCodes.USAGE, e.getMessage());
    }
    try (JobSession session = JobSession.build(run.job(), injector, saved, vocabulary)) {
      DataSplitSpec split = run.job().data().eval() != null ? run.job().data().eval() : run.job().data().train();
      String where = run.job().data().eval() != null ? "data.eval" : "data.train";
      EvalData examples;
      try {
        if (!data.isEmpty()) {
          where = "--data";
          // read as the run's eval split: numbered by its class names, vectorized with its vocabulary, streamed when it streams
          DataSplitSpec other = new DataSplitSpec(DataFiles.replace(split.source(), data, "--data"), split.scale(),
              run.job().data().eval() != null ? split.preprocessing() : null, 0, split.batchSize(), split.cache());
          DataLoader.Splits read = injector.getInstance(DataLoader.class).loadSplits(new DataSpec(run.job().data().train(), other),
              run.job().model().namedInputs(), run.job().seed(), session.classes, session.vocabulary);
          if (read.evalStream() != null) {
            session.checkLabels(read.evalStream(), "--data");
          } else if (read.evalImages() != null) {
            session.checkLabels(read.evalImages().labels(), "--data");
          } else {
            session.checkLabels(read.eval(), "--data");
          }
          examples = read.evaluation();
        } else if (session.evalData != null) {
          examples = session.evalData;
        } else if (session.train != null) {
          // without data.eval, the training split as evaluation sees data: its preprocessing less the augmentation
          examples = EvalData.inMemory(session.preprocessing.inference(split.steps(), run.job().model().featureRow())
              .applyTo(session.train));
        } else if (session.trainImages != null) {
          // a training split of streamed images is evaluated streamed too, in file order, without its augmentation
          examples = session.trainImages.evaluation(() -> session.preprocessing.inference(split.steps(),
              run.job().model().featureRow()));
        } else {
          // a streamed training split is evaluated streamed too, in file order
          EvalStream stream = EvalStream.open("data.train", split, run.job().model().namedInputs(), session.preprocessing);
          session.checkLabels(stream, "data.train.tfrecord");
          examples = stream;
        }
      } catch (DataException e) {
        throw new UserException(ExitCodes.USAGE, e.getMessage());
      }
      new Checkpoints(runDir.resolve("checkpoints"), Integer.MAX_VALUE, w -> { })
          .restore(session.session(), session.checkpointOps, run.checkpoint());
      StepMetrics m;
      try {
        m = new Evaluator(session.step, session.session(), examples, split.batchSize()).run(run.state().step(), run.state().epoch());
      } catch (DataException e) {
        // a streamed split reads its records now: a bad one is named here
        throw new UserException(ExitCodes.USAGE, e.getMessage());
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("run_dir", runDir.toString());
      result.put("checkpoint", run.checkpoint().getFileName().toString());
      result.put("step", run.state().step());
      result.put("data", data.isEmpty() ? where : data.stream().map(Path::toString).toList());
      result.put("examples", examples.size());
      result.put("loss", m.loss());
      for (Metric metric : session.step.metrics()) {
        result.put(metric.name(), m.metrics().get(metric.name()));
      }
      List<String> names = m.confusion() == null ? List.of() : ConfusionMatrixCsv.names(m.confusion(), session.classes);
      if (m.confusion() != null) {
        List<List<Long>> rows = new ArrayList<>();
        for (int t = 0; t < m.confusion().classes(); t++) {
          List<Long> row = new ArrayList<>();
          for (int p = 0; p < m.confusion().classes(); p++) {
            row.add(m.confusion().count(t, p));
          }
          rows.add(row);
        }
        Map<String, Object> matrix = new LinkedHashMap<>();
        matrix.put("classes", names);
        matrix.put("counts", rows);
        result.put("confusion_matrix", matrix);
      }
      if (json) {
        out.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
      } else {
        out.printf("%s, step %d, on %s (%d examples)%n", runDir, run.state().step(),
            data.isEmpty() ? where : String.join(" ", data.stream().map(Path::toString).toList()), examples.size());
        out.printf("%-20s %s%n", "loss", format(m.loss()));
        for (Metric metric : session.step.metrics()) {
          out.printf("%-20s %s%n", metric.name(), format(m.metrics().get(metric.name())));
        }
        if (m.confusion() != null) {
          out.println();
          out.println("confusion matrix (rows: true class, columns: predicted)");
          out.print(table(m.confusion(), names));
        }
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  /** The matrix as aligned columns headed by the class names. */
  static String table(ConfusionMatrix m, List<String> names) {
    int width = 1;
    for (String n : names) {
      width = Math.max(width, n.length());
    }
    for (long c : m.counts()) {
      width = Math.max(width, Long.toString(c).length());
    }
    String cell = "%" + (width + 2) + "s";
    StringBuilder b = new StringBuilder(String.format(cell, ""));
    names.forEach(n -> b.append(String.format(cell, n)));
    b.append('\n');
    for (int t = 0; t < m.classes(); t++) {
      b.append(String.format(cell, names.get(t)));
      for (int p = 0; p < m.classes(); p++) {
        b.append(String.format(cell, m.count(t, p)));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String format(double v) {
    return String.format(java.util.Locale.ROOT, "%.6f", v);
  }
}
