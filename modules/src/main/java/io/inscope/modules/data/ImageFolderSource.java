package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.data.ImageFolderSpec;
import io.inscope.configs.data.SourceSpec;
import io.inscope.modules.data.internal.ParallelImages;
import io.inscope.modules.data.internal.SourceFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The {@code image_folder} source: a folder with one sub-folder of images per class, read as
 * Keras' {@code image_dataset_from_directory(directory, labels="inferred", color_mode, image_size,
 * interpolation="bilinear")}.
 *
 * <pre>
 * image_folder: {path: data/flowers/train, color_mode: rgb, size: [180, 180]}
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>path</td><td>required</td><td>the folder</td></tr>
 *   <tr><td>color_mode</td><td>rgb</td><td>grayscale (1 channel) or rgb (3)</td></tr>
 *   <tr><td>size</td><td>[256, 256]</td><td>[height, width] of every example</td></tr>
 * </table>
 *
 * <p>Classes are the sub-folders whose names do not start with {@code .}, in sorted order; class
 * id {@code i} is the {@code i}-th name ({@link Examples#classNames()}). A class's images are the
 * files ending {@code .bmp .gif .jpeg .jpg .png} (any case) in its folder and the folders below,
 * folder by folder in sorted path order and by name within a folder, as Keras lists them; the
 * examples are the classes' images one class after the other. Each image is decoded by its bytes
 * ({@link io.inscope.modules.data.internal.ImageDecoder}) and resized to {@code size} with
 * TensorFlow's half-pixel bilinear filter ({@link io.inscope.modules.data.internal.BilinearResize}),
 * giving floats in [0, 255], {@code [height, width, channels]} per example (rescale with the split's
 * {@code scale}). {@code model.input} must hold as many values. Decoding runs on every core.
 *
 * <p>With {@code cache: false} the folders are only listed ({@link #list}) and each batch's images
 * decoded as it is prepared ({@link ImageList}), in the batches of {@code cache: true}.
 *
 * <p>A folder with no class sub-folder, a class folder without images and an image that does not
 * decode fail with the folder or file named (the first two when listed, before training).
 */
public final class ImageFolderSource implements ImageSource {
  static final String KIND = "image_folder";
  static final List<String> EXTENSIONS = List.of(".bmp", ".gif", ".jpeg", ".jpg", ".png");

  @Override
  public Examples load(SourceSpec spec, InputSpec input, long seed) throws DataException {
    ImageList list = list(spec, input);
    ImageFolderSpec folder = (ImageFolderSpec) spec;
    float[] features = decode(list.files(), folder.colorMode().channels(), folder.size().get(0), folder.size().get(1), KIND);
    return list.index().withFeatures(features, shape(input));
  }

  /** The class folders' images and their class ids, not decoded. */
  @Override
  public ImageList list(SourceSpec spec, InputSpec input) throws DataException {
    ImageFolderSpec folder = (ImageFolderSpec) spec;
    Path root = Path.of(folder.path());
    int height = folder.size().get(0);
    int width = folder.size().get(1);
    int channels = folder.colorMode().channels();
    checkInput(KIND, height, width, channels, input);
    List<String> classes = classes(root);
    List<Path> files = new ArrayList<>();
    List<Float> labelList = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      Path dir = root.resolve(classes.get(c));
      List<Path> images = images(dir);
      if (images.isEmpty()) {
        throw new DataException(KIND + ".path", dir + ": the class folder '" + classes.get(c) + "' holds no image (.bmp .gif .jpeg .jpg .png);"
            + " add its images or remove the folder");
      }
      files.addAll(images);
      for (int i = 0; i < images.size(); i++) {
        labelList.add((float) c);
      }
    }
    float[] labels = new float[labelList.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = labelList.get(i);
    }
    List<Path> paths = List.copyOf(files);
    Examples index = new Examples(ImageList.fileNumbers(paths.size(), KIND), new long[] {1}, labels, new long[0], classes,
        classes.size(), i -> paths.get(i).toString(), null);
    return ImageList.of(paths, index, shape(input), channels, height, width, (i, f) -> failure(paths, f, i, KIND));
  }

  /** Decodes image files in parallel; an error names the file. */
  static float[] decode(List<Path> files, int channels, int height, int width, String kind) throws DataException {
    try {
      return ParallelImages.decode(files.size(), i -> Files.readAllBytes(files.get(i)), channels, height, width);
    } catch (ParallelImages.Failure f) {
      throw failure(files, f, f.index(), kind);
    }
  }

  /** The error of image {@code file} of {@code files}: unreadable, or not an image. */
  static DataException failure(List<Path> files, ParallelImages.Failure f, int file, String kind) {
    Path path = files.get(file);
    if (f.unreadable() != null) {
      return SourceFiles.unreadable(path, kind, f.unreadable());
    }
    return new DataException(kind, path + ": " + f.getMessage() + "; replace or remove the file");
  }

  static void checkInput(String kind, int height, int width, int channels, InputSpec input) throws DataException {
    long elements = (long) height * width * channels;
    if (elements != input.elements()) {
      throw new DataException(kind + ".size", "images of [" + height + ", " + width + "] with " + channels + " channel"
          + (channels == 1 ? "" : "s") + " hold " + elements + " values but model.input.shape " + input.shape() + " has "
          + input.elements() + "; set model.input.shape to [" + height + ", " + width + ", " + channels + "]");
    }
  }

  static long[] shape(InputSpec input) {
    return input.shape().stream().mapToLong(Integer::longValue).toArray();
  }

  private static List<String> classes(Path root) throws DataException {
    if (!Files.isDirectory(root)) {
      throw new DataException(KIND + ".path", root + ": no such directory; check the path (relative paths resolve against the job file's directory)");
    }
    try (Stream<Path> listing = Files.list(root)) {
      List<String> names = listing
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith("."))
          .sorted()
          .toList();
      if (names.isEmpty()) {
        throw new DataException(KIND + ".path", root + ": no class sub-folder; put each class's images in a sub-folder named after the class");
      }
      return names;
    } catch (IOException e) {
      throw SourceFiles.unreadable(root, KIND + ".path", e);
    }
  }

  /** The images of one class: sorted by folder path, then by name, as Keras' os.walk listing. */
  static List<Path> images(Path dir) throws DataException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk
          .filter(p -> !Files.isDirectory(p) && isImage(p.getFileName().toString()))
          .sorted(Comparator.comparing((Path p) -> p.getParent().toString()).thenComparing(p -> p.getFileName().toString()))
          .toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      IOException io = e instanceof IOException x ? x : ((java.io.UncheckedIOException) e).getCause();
      throw SourceFiles.unreadable(dir, KIND + ".path", io);
    }
  }

  static boolean isImage(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(lower::endsWith);
  }
}
