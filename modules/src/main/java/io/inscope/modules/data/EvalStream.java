package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.data.DataSplitSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A {@code tfrecord} evaluation split streamed from its files ({@code data.eval.cache: false}):
 * each pass reads the files in sorted order, each from its first record to its last, on one reader
 * thread that parses a few chunks of rows ahead ({@link StreamEpoch} with no shuffle and one
 * reader), and applies the split's inference preprocessing to each batch. Those are the rows, in
 * the order, that {@link TfrecordSource} reads into memory for {@code cache: true}, so an
 * evaluation's batches and metrics are the same; memory is a few chunks of rows and one batch,
 * whatever the split's size. {@code shuffle} and {@code num_parallel_reads} do not apply (an
 * evaluation reads in file order).
 *
 * <p>The records of each file are counted when the stream opens (the length headers: a damaged
 * file fails then, before training); a record that does not parse, or whose label the loss
 * refuses ({@link #checkLabels}), fails the pass that reads it, naming its file and record.
 */
public final class EvalStream implements EvalData {
  private final TfrecordStream files;
  private final DataSplitSpec split;
  private final InputSpec row;
  private final PreprocessingCompiler preprocessing;

  private EvalStream(TfrecordStream files, DataSplitSpec split, InputSpec row, PreprocessingCompiler preprocessing) {
    this.files = files;
    this.split = split;
    this.row = row;
    this.preprocessing = preprocessing;
  }

  /**
   * Opens a split for evaluation: lists its files and counts their records.
   *
   * @param where the split's spec path ({@code data.eval}; {@code data.train} when {@code evaluate}
   *     reads the training split); errors are under it
   * @param split a split with a {@code tfrecord} source
   * @param inputs the model's inputs ({@link ModelSpec#namedInputs()})
   * @param preprocessing the job's preprocessing kinds, which compile the split's inference steps
   * @throws DataException for a missing or damaged file, or features that do not add up to the inputs
   */
  public static EvalStream open(String where, DataSplitSpec split, Map<String, InputSpec> inputs,
      PreprocessingCompiler preprocessing) throws DataException {
    return new EvalStream(TfrecordStream.sequential(where, split, inputs), split, ModelSpec.featureRow(inputs), preprocessing);
  }

  /** Checks every record's label as the reader parses it (the loss's rules); set before the first pass. */
  public void checkLabels(TfrecordStream.LabelCheck check) {
    files.checkLabels(check);
  }

  /** The split's files, in the order they are read. */
  public List<Path> paths() {
    return files.files();
  }

  @Override
  public long size() {
    return files.size();
  }

  @Override
  public long[] featureShape() {
    return files.featureShape();
  }

  @Override
  public long[] labelShape() {
    return files.labelShape();
  }

  @Override
  public Reader open() throws DataException, InterruptedException {
    StreamEpoch epoch = new StreamEpoch(files, 0, 0, new StreamEpoch.Buffers(files));
    // one per pass: its scratch buffers are used by the evaluating thread only
    Preprocessing steps = preprocessing.inference(split.steps(), row);
    return new Reader() {
      @Override
      public void read(float[] features, float[] labels, int rows) throws DataException, InterruptedException {
        for (int i = 0; i < rows; i++) {
          epoch.emit(features, labels, i);
        }
        if (!steps.isEmpty()) {
          steps.apply(features, 0, rows, 0);
        }
      }

      @Override
      public void close() {
        epoch.close();
      }
    };
  }
}
