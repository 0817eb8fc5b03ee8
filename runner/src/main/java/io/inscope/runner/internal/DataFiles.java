package io.inscope.runner.internal;

import io.inscope.configs.data.CsvSpec;
import io.inscope.configs.data.IdxSpec;
import io.inscope.configs.data.ImageCsvSpec;
import io.inscope.configs.data.ImageFolderSpec;
import io.inscope.configs.data.SourceSpec;
import io.inscope.configs.data.TextSpec;
import io.inscope.configs.data.TfrecordSpec;
import io.inscope.modules.data.DataLoader;
import io.inscope.runner.ExitCodes;
import io.inscope.runner.UserException;
import java.nio.file.Path;
import java.util.List;

/**
 * Other files of the same kind as a job's data: the job's source with its files replaced, every
 * other setting (CSV columns, TFRecord features, image size) kept. {@code csv}: one file; {@code idx}:
 * the examples file and the labels file; {@code tfrecord}: one or more files (globs allowed); {@code
 * image_folder}: a folder of class sub-folders.
 */
public final class DataFiles {
  private DataFiles() {}

  public static SourceSpec replace(SourceSpec source, List<Path> files, String option) throws UserException {
    List<String> paths = files.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
    String kind = DataLoader.kindOf(source.getClass());
    if (source instanceof CsvSpec csv) {
      expect(kind, paths, 1, "FILE.csv", option);
      return new CsvSpec(paths.get(0), csv.label(), csv.features(), csv.featureGroups());
    }
    if (source instanceof IdxSpec) {
      expect(kind, paths, 2, "IMAGES.idx LABELS.idx", option);
      return new IdxSpec(paths.get(0), paths.get(1));
    }
    if (source instanceof TextSpec text) {
      expect(kind, paths, 1, "FILE.csv, FILE.tsv or FILE.tfrecord", option);
      boolean records = TextSpec.isTfrecord(paths.get(0));
      return new TextSpec(paths.get(0), text.text(), text.label(), records ? null : text.separator(), text.maxTokens(),
          text.sequenceLength(), records ? text.compression() : null);
    }
    if (source instanceof ImageFolderSpec images) {
      expect(kind, paths, 1, "a folder of class sub-folders", option);
      return new ImageFolderSpec(paths.get(0), images.colorMode(), images.size());
    }
    if (source instanceof ImageCsvSpec images) {
      expect(kind, paths, 1, "FILE.csv listing images and labels", option);
      return new ImageCsvSpec(paths.get(0), images.image(), images.label(), images.colorMode(), images.size());
    }
    if (source instanceof TfrecordSpec tfrecord) {
      return new TfrecordSpec(paths, tfrecord.features(), tfrecord.label());
    }
    throw new UserException(ExitCodes.USAGE, option + ": the job's data is " + kind
        + ", which " + option + " cannot replace (it takes csv, idx, tfrecord, image_folder, image_csv and text files)");
  }

  private static void expect(String kind, List<String> paths, int n, String form, String option) throws UserException {
    if (paths.size() != n) {
      throw new UserException(ExitCodes.USAGE, option + ": the job's data is " + kind + ": give " + form
          + " (got " + paths.size() + " file" + (paths.size() == 1 ? "" : "s") + ")");
    }
  }
}
