package io.inscope.runner;

import io.inscope.modules.data.DataException;
import io.inscope.modules.train.ServingHead;
import io.inscope.runner.internal.PredictionFeed;
import io.inscope.runner.internal.PredictionWriter;
import io.inscope.runner.internal.ServedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * One prediction per example of the input files, through the same serving graph as the export
 * (preprocessing, class-name lookup), a batch at a time: memory stays bounded by one batch.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {"Predict every example of --input with the model of RUN_DIR (its latest checkpoint) or of a SavedModel.",
        "The input is of the job's source kind (csv, idx examples file, tfrecord, text: a CSV/TSV file with the text column;",
        "image_folder: an image or a folder of images; a directory: its files); labels are not needed.",
        "Rows: class, class_id and the probability of each class (or --top-k of them), or the regression prediction."})
public final class PredictCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RUN_DIR|SAVED_MODEL_DIR", description = "a run directory, or a SavedModel folder it exported")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "FILE_OR_DIR", description = "examples to predict")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "FILE.csv|FILE.jsonl", description = "where the rows go")
  Path output;

  @Option(names = "--top-k", paramLabel = "K", description = "write the K likeliest classes instead of every class's probability")
  int topK;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "256", description = "examples per batch (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    String name = output.getFileName() == null ? "" : output.getFileName().toString();
    if (!name.endsWith(".csv") && !name.endsWith(".jsonl")) {
      throw new UserException(ExitCodes.USAGE, "--output: name the file .csv or .jsonl (got " + output + ")");
    }
    if (topK < 0 || batchSize < 1) {
      throw new UserException(ExitCodes.USAGE, "--top-k must be >= 0 and --batch-size >= 1");
    }
    boolean terminal = System.console() != null;
    long examples = 0;
    long start = System.nanoTime();
    try (ServedModel served = ServedModel.open(model, w -> err.println("warning: " + w))) {
      long lastShown = 0;
      try (PredictionFeed feed = PredictionFeed.open(served, input, batchSize);
          PredictionWriter out = new PredictionWriter(output, served.classNames, topK)) {
        for (Result r = feed.next(); r != null; r = feed.next()) {
          try (Result batch = r) {
            write(served, batch, feed.size(), out);
          }
          examples += feed.size();
          if (terminal && System.nanoTime() - lastShown > 500_000_000L) {
            lastShown = System.nanoTime();
            err.printf("\rpredict: %d examples, %.0f examples/s", examples, examples / Math.max(1e-9, (lastShown - start) / 1e9));
            err.flush();
          }
        }
      } catch (DataException e) {
        throw new UserException(ExitCodes.USAGE, "--input: " + e.getMessage());
      } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException e) {
        throw new UserException(ExitCodes.CANNOT_CREATE, "--output: cannot create " + output + " (" + e.getClass().getSimpleName()
            .replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT)
            + "); give a file in a directory you can write");
      } catch (java.io.IOException e) {
        throw new UserException(ExitCodes.IO_ERROR, "--output: I/O error writing " + output + ": " + e.getMessage());
      }
    }
    if (terminal) {
      err.println();
    }
    err.printf("predict: %d examples to %s in %.1f s%n", examples, output, (System.nanoTime() - start) / 1e9);
    err.flush();
    return ExitCodes.OK;
  }

  private static void write(ServedModel served, Result r, int n, PredictionWriter out)
      throws java.io.IOException, UserException {
    if (served.head == ServingHead.REGRESSION) {
      TFloat32 p = (TFloat32) r.get(ServingHead.PREDICTIONS).orElseThrow();
      int units = (int) (p.shape().size() / n);
      float[] row = new float[units];
      for (int i = 0; i < n; i++) {
        for (int u = 0; u < units; u++) {
          row[u] = p.getFloat(i, u);
        }
        out.regressed(row);
      }
      return;
    }
    TFloat32 p = (TFloat32) r.get(ServingHead.PROBABILITIES).orElseThrow();
    TInt64 ids = (TInt64) r.get(ServingHead.CLASS_IDS).orElseThrow();
    TString names = (TString) r.get(ServingHead.CLASSES).orElseThrow();
    if (ids.shape().numDimensions() != 1) {
      throw new UserException(ExitCodes.USAGE, "predict: this model gives several labels per example (binary_crossentropy with "
          + p.shape().get(1) + " units); predict writes one class per example");
    }
    int classes = (int) p.shape().get(1);
    boolean binary = served.head == ServingHead.BINARY;
    float[] row = new float[binary ? 2 : classes];
    for (int i = 0; i < n; i++) {
      if (binary) {
        row[1] = p.getFloat(i, 0);
        row[0] = 1f - row[1];
      } else {
        for (int c = 0; c < classes; c++) {
          row[c] = p.getFloat(i, c);
        }
      }
      out.classified(names.getObject(i), ids.getLong(i), row);
    }
  }
}
