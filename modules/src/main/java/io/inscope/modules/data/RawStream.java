package io.inscope.modules.data;

import io.inscope.configs.data.ImageFolderSpec;
import io.inscope.configs.data.SourceSpec;
import io.inscope.configs.data.TextSpec;
import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Examples to predict as a served model's graph takes them, undecoded, a batch at a time: the
 * texts of a {@code text} job's column (UTF-8 bytes) or the bytes of an {@code image_folder} job's
 * image files. The graph then vectorizes or decodes them as training did; other kinds are read
 * to numbers by a {@link FeatureStream}.
 */
public interface RawStream extends Closeable {
  /** Reads up to {@code rows} examples into {@code dst[0 .. n)}; returns n, 0 at the end. */
  int read(byte[][] dst, int rows) throws DataException;

  /** Where the last example read came from ({@code file:line}, or the image file). */
  String position();

  /**
   * A stream of {@code fileOrDir} when the job's source is text (a CSV or TSV file, or a directory
   * of them, with the job's text column; TFRecord files when the job's texts are TFRecords) or image folders (an image file, or every image below a
   * folder); empty for other kinds.
   */
  static Optional<RawStream> open(SourceSpec source, Path fileOrDir) throws DataException {
    if (source instanceof TextSpec text) {
      if (TextSpec.isTfrecord(text.path())) {
        return Optional.of(new TextRecordStream(text, FeatureStream.files(fileOrDir)));
      }
      return Optional.of(new TextStream(text, FeatureStream.files(fileOrDir)));
    }
    if (source instanceof ImageFolderSpec) {
      if (!Files.exists(fileOrDir)) {
        throw new DataException("input", fileOrDir + ": no such file or directory");
      }
      List<Path> files = Files.isDirectory(fileOrDir) ? ImageFolderSource.images(fileOrDir) : List.of(fileOrDir);
      if (files.isEmpty()) {
        throw new DataException(ImageFolderSource.KIND, fileOrDir + ": holds no image (.bmp .gif .jpeg .jpg .png)");
      }
      return Optional.of(new ImageFileStream(files));
    }
    return Optional.empty();
  }
}
