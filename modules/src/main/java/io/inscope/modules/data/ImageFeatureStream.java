package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.data.ImageFolderSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Images to predict: one image file, or every image below a folder (class sub-folders or not), in
 * the order the {@code image_folder} source lists a class's images; decoded and resized as the
 * job's source does, a batch at a time.
 */
final class ImageFeatureStream implements FeatureStream {
  private final List<Path> files;
  private final int channels;
  private final int height;
  private final int width;
  private int next;

  ImageFeatureStream(ImageFolderSpec spec, InputSpec input, Path fileOrDir) throws DataException {
    this.height = spec.size().get(0);
    this.width = spec.size().get(1);
    this.channels = spec.colorMode().channels();
    ImageFolderSource.checkInput(ImageFolderSource.KIND, height, width, channels, input);
    this.files = Files.isDirectory(fileOrDir) ? ImageFolderSource.images(fileOrDir) : List.of(fileOrDir);
    if (files.isEmpty()) {
      throw new DataException(ImageFolderSource.KIND, fileOrDir + ": holds no image (.bmp .gif .jpeg .jpg .png)");
    }
  }

  @Override
  public int read(float[] dst, int rows) throws DataException {
    int n = Math.min(rows, files.size() - next);
    if (n == 0) {
      return 0;
    }
    float[] pixels = ImageFolderSource.decode(files.subList(next, next + n), channels, height, width, ImageFolderSource.KIND);
    System.arraycopy(pixels, 0, dst, 0, pixels.length);
    next += n;
    return n;
  }

  @Override
  public String position() {
    return next == 0 ? "" : files.get(next - 1).toString();
  }

  @Override
  public void close() throws IOException {}
}
