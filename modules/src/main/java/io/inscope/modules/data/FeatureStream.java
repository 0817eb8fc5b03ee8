package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.data.CsvSpec;
import io.inscope.configs.data.IdxSpec;
import io.inscope.configs.data.ImageCsvSpec;
import io.inscope.configs.data.ImageFolderSpec;
import io.inscope.configs.data.SourceSpec;
import io.inscope.configs.data.TfrecordSpec;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The features of examples read from files a batch at a time, labels ignored: what {@code
 * predict} feeds a model, in memory bounded by one batch. The files are of the job's source kind
 * and are read with its settings: {@code csv} (the feature columns by name; a label column may be
 * absent), {@code idx} (the examples file alone), {@code tfrecord} (the declared features, the
 * label feature may be absent), {@code image_folder} and {@code image_csv} (an image, or every image
 * below a folder, decoded and resized as the source does). Otherwise a directory stands for its files, in name order.
 */
public interface FeatureStream extends Closeable {
  /**
   * Reads up to {@code rows} examples into {@code dst} ({@code rows × input elements} values, row
   * after row); returns how many were read, 0 at the end.
   */
  int read(float[] dst, int rows) throws DataException;

  /** Where the last example read came from ({@code file:line} or {@code file, record n}). */
  String position();

  /**
   * @param source the job's source spec: its kind and settings
   * @param input {@code model.input}
   * @param fileOrDir the file, or a directory of files, to read
   */
  static FeatureStream open(SourceSpec source, InputSpec input, Path fileOrDir) throws DataException {
    if (source instanceof ImageCsvSpec csv) {
      // an image, or the images below a folder, read as the image_csv source reads a row's image
      source = new ImageFolderSpec(fileOrDir.toString(), csv.colorMode(), csv.size());
    }
    if (source instanceof ImageFolderSpec images) {
      if (!Files.exists(fileOrDir)) {
        throw new DataException("input", fileOrDir + ": no such file or directory");
      }
      return new ImageFeatureStream(images, input, fileOrDir);
    }
    List<Path> files = files(fileOrDir);
    if (source instanceof CsvSpec csv) {
      return new CsvFeatureStream(csv, input, files);
    }
    if (source instanceof IdxSpec) {
      if (files.size() != 1) {
        throw new DataException("idx", fileOrDir + ": give one IDX file of examples");
      }
      return new IdxFeatureStream(input, files.get(0));
    }
    if (source instanceof TfrecordSpec tfrecord) {
      return new TfrecordFeatureStream(tfrecord, input, files);
    }
    throw new DataException(DataLoader.kindOf(source.getClass()),
        "prediction does not read this kind of source yet (it reads csv, idx, tfrecord, image_folder and image_csv files)");
  }

  /**
   * As {@link #open(SourceSpec, InputSpec, Path)} for a model's named inputs: each row holds the
   * inputs' values one after the other ({@link io.inscope.configs.ModelSpec#featureRow()}); a
   * tfrecord stream reads the feature of each input's name, a csv stream the columns of its
   * {@code feature_groups} entry.
   */
  static FeatureStream open(SourceSpec source, Map<String, InputSpec> inputs, Path fileOrDir) throws DataException {
    InputSpec row = ModelSpec.featureRow(inputs);
    if (source instanceof TfrecordSpec tfrecord && TfrecordSource.byName(tfrecord, inputs)) {
      return new TfrecordFeatureStream(tfrecord, TfrecordSource.featuresOf(tfrecord, inputs), row, files(fileOrDir));
    }
    if (source instanceof CsvSpec csv && csv.featureGroups() != null) {
      return new CsvFeatureStream(csv, CsvSource.columnsOf(csv, inputs), row, files(fileOrDir));
    }
    if (inputs.size() == 1) {
      return open(source, row, fileOrDir);
    }
    throw new DataException(DataLoader.kindOf(source.getClass()), "prediction of a model with several inputs ("
        + String.join(", ", inputs.keySet()) + ") reads tfrecord files (a feature per input) or csv files (feature_groups)");
  }

  /** {@code fileOrDir} itself, or the files of a directory in name order (hidden ones left out). */
  static List<Path> files(Path fileOrDir) throws DataException {
    if (Files.isRegularFile(fileOrDir)) {
      return List.of(fileOrDir);
    }
    if (!Files.isDirectory(fileOrDir)) {
      throw new DataException("input", fileOrDir + ": no such file or directory");
    }
    try (Stream<Path> s = Files.list(fileOrDir)) {
      List<Path> files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted().toList();
      if (files.isEmpty()) {
        throw new DataException("input", fileOrDir + ": the directory holds no files");
      }
      return files;
    } catch (IOException e) {
      throw new DataException("input", fileOrDir + ": cannot be listed: " + e.getMessage());
    }
  }
}
