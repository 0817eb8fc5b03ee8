package io.inscope.modules.data;

import io.inscope.modules.data.internal.SourceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Image files' bytes, in the order the {@code image_folder} source lists them. */
final class ImageFileStream implements RawStream {
  private final List<Path> files;
  private int next;

  ImageFileStream(List<Path> files) {
    this.files = List.copyOf(files);
  }

  @Override
  public int read(byte[][] dst, int rows) throws DataException {
    int n = Math.min(rows, files.size() - next);
    for (int i = 0; i < n; i++) {
      Path file = files.get(next);
      try {
        dst[i] = Files.readAllBytes(file);
      } catch (IOException e) {
        throw SourceFiles.unreadable(file, ImageFolderSource.KIND, e);
      }
      next++;
    }
    return n;
  }

  @Override
  public String position() {
    return next == 0 ? "" : files.get(next - 1).toString();
  }

  @Override
  public void close() {}
}
