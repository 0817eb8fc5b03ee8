package io.inscope.modules.data;

import static io.inscope.modules.data.IdxSourceTest.features;
import static io.inscope.modules.data.IdxSourceTest.input;
import static io.inscope.modules.data.IdxSourceTest.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.DType;
import io.inscope.configs.data.ColorMode;
import io.inscope.configs.data.FeatureEncoding;
import io.inscope.configs.data.FeatureSpec;
import io.inscope.configs.data.ImageFolderSpec;
import io.inscope.configs.data.TfrecordSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFolderSourceTest {
  static final Path REFERENCE = Path.of("src/test/resources/images");
  // Lossless formats: Keras' values (printed with 6 decimals) up to float rounding of TF's blend.
  static final double LOSSLESS = 1e-4;
  // JPEG: Keras decodes with TensorFlow's default fast integer IDCT, the runner with the accurate
  // one (equal to TensorFlow's dct_method="INTEGER_ACCURATE", ImageDecoderTest): single samples
  // of this test's smooth image differ by up to 8 levels, 1.8-2.0 on average.
  static final double JPEG = 8.0;
  static final double JPEG_MEAN = 2.5;

  @TempDir Path dir;

  /** tools/image-folder-reference.py: Keras' image_dataset_from_directory on the same folder. */
  @ParameterizedTest
  @CsvSource({"grayscale, 4, 6", "grayscale, 9, 11", "rgb, 4, 6", "rgb, 9, 11"})
  void matchesKerasImageDatasetFromDirectory(String mode, int height, int width) throws Exception {
    ColorMode colorMode = ColorMode.valueOf(mode.toUpperCase());
    int channels = colorMode.channels();
    Path folder = REFERENCE.resolve("folder");
    if (colorMode == ColorMode.GRAYSCALE) {
      // TensorFlow cannot read a BMP as grayscale: the reference was made without the zebra class
      folder = dir.resolve("gray");
      copyTree(REFERENCE.resolve("folder"), folder, "zebra");
    }
    Examples examples = new ImageFolderSource().load(new ImageFolderSpec(folder.toString(), colorMode, List.of(height, width)),
        input(height, width, channels), 0);
    List<String> lines = Files.readAllLines(REFERENCE.resolve("keras-" + mode + "-" + height + "x" + width + ".txt"));
    assertEquals(lines.size(), examples.size());
    assertEquals(colorMode == ColorMode.RGB ? List.of("cat", "dog", "zebra") : List.of("cat", "dog"), examples.classNames());
    float[] values = features(examples);
    float[] labels = labels(examples);
    int size = height * width * channels;
    for (int i = 0; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(" ");
      assertEquals(Float.parseFloat(fields[0]), labels[i], fields[1]);
      double tolerance = fields[1].endsWith(".jpg") || fields[1].endsWith(".jpeg") ? JPEG : LOSSLESS;
      double worst = 0;
      double sum = 0;
      for (int v = 0; v < size; v++) {
        double d = Math.abs(Double.parseDouble(fields[2 + v]) - values[i * size + v]);
        worst = Math.max(worst, d);
        sum += d;
      }
      assertTrue(worst <= tolerance, fields[1] + ": largest difference from Keras " + worst + " > " + tolerance);
      assertTrue(tolerance == LOSSLESS || sum / size <= JPEG_MEAN, fields[1] + ": mean difference from Keras " + sum / size);
    }
  }

  /** examples/data: the shapes as PNG folders and as gzip TFRecords of the same PNGs decode alike. */
  @Test
  void shapesFoldersAndTfrecordsHoldTheSameExamples() throws Exception {
    Path data = Path.of("../examples/data");
    Examples folders = new ImageFolderSource().load(new ImageFolderSpec(data.resolve("shapes/train").toString(), ColorMode.RGB,
        List.of(24, 24)), input(24, 24, 3), 0);
    Map<String, FeatureSpec> features = Map.of(
        "image", new FeatureSpec(List.of(24, 24, 3), DType.FLOAT32, FeatureEncoding.IMAGE, false),
        "label", new FeatureSpec(List.of(), DType.INT64));
    Examples records = new TfrecordSource().load(new TfrecordSpec(List.of(data.resolve("shapes-train.tfrecord.gz").toString()),
        features, "label"), input(24, 24, 3), 0);
    assertEquals(240, records.size());
    assertEquals(240, folders.size());
    float[] a = new float[24 * 24 * 3];
    float[] b = new float[24 * 24 * 3];
    for (int i = 0; i < 240; i++) {
      // record i is image i / 3 of class i % 3 (tools/ShapesDataset.java); the folder lists class by class
      int folderIndex = (i % 3) * 80 + i / 3;
      records.copyFeatures(i, a, 0);
      folders.copyFeatures(folderIndex, b, 0);
      assertArrayEquals(b, a, "record " + i);
      assertEquals(records.label(i, 0), folders.label(folderIndex, 0));
    }
  }

  @Test
  void badFoldersAndFilesFailNamingThem() throws Exception {
    Path missing = dir.resolve("nope");
    assertEquals("image_folder.path: " + missing + ": no such directory; check the path (relative paths resolve against the job file's directory)",
        assertThrows(DataException.class, () -> load(missing)).getMessage());

    Files.createDirectories(dir.resolve("flat"));
    Files.write(dir.resolve("flat/x.png"), Files.readAllBytes(REFERENCE.resolve("folder/cat/a-gray.png")));
    assertEquals("image_folder.path: " + dir.resolve("flat") + ": no class sub-folder; put each class's images in a sub-folder named after the class",
        assertThrows(DataException.class, () -> load(dir.resolve("flat"))).getMessage());

    Path root = dir.resolve("root");
    Files.createDirectories(root.resolve("a"));
    Files.createDirectories(root.resolve("b"));
    Files.createDirectories(root.resolve(".hidden"));
    Files.copy(REFERENCE.resolve("folder/cat/a-gray.png"), root.resolve("a/1.png"));
    Files.writeString(root.resolve("b/readme.txt"), "no images here");
    assertEquals("image_folder.path: " + root.resolve("b") + ": the class folder 'b' holds no image (.bmp .gif .jpeg .jpg .png);"
        + " add its images or remove the folder", assertThrows(DataException.class, () -> load(root)).getMessage());

    Files.copy(REFERENCE.resolve("folder/cat/b-rgb.png"), root.resolve("b/2.png"));
    byte[] png = Files.readAllBytes(REFERENCE.resolve("folder/cat/b-rgb.png"));
    Files.write(root.resolve("b/3.png"), java.util.Arrays.copyOf(png, png.length / 2));
    Files.writeString(root.resolve("b/4.jpg"), "plain text");
    String truncated = assertThrows(DataException.class, () -> load(root)).getMessage();
    assertTrue(truncated.startsWith("image_folder: " + root.resolve("b/3.png") + ": cannot be decoded as png ("), truncated);
    assertTrue(truncated.endsWith("); replace or remove the file"), truncated);
    Files.delete(root.resolve("b/3.png"));
    assertEquals("image_folder: " + root.resolve("b/4.jpg") + ": not a PNG, JPEG, GIF or BMP image (it starts 70 6c 61 69); replace or remove the file",
        assertThrows(DataException.class, () -> load(root)).getMessage());
    Files.delete(root.resolve("b/4.jpg"));
    Examples ok = load(root);
    assertEquals(List.of("a", "b"), ok.classNames());
    assertArrayEquals(new float[] {0, 1}, labels(ok));
  }

  @Test
  void modelInputMustHoldTheImage() throws Exception {
    DataException e = assertThrows(DataException.class, () -> new ImageFolderSource().load(
        new ImageFolderSpec(REFERENCE.resolve("folder").toString(), ColorMode.RGB, List.of(4, 6)), input(4, 6), 0));
    assertEquals("image_folder.size: images of [4, 6] with 3 channels hold 72 values but model.input.shape [4, 6] has 24;"
        + " set model.input.shape to [4, 6, 3]", e.getMessage());
  }

  private Examples load(Path root) throws DataException {
    return new ImageFolderSource().load(new ImageFolderSpec(root.toString(), ColorMode.GRAYSCALE, List.of(4, 6)), input(4, 6, 1), 0);
  }

  private static void copyTree(Path from, Path to, String skip) throws IOException {
    List<Path> all = new ArrayList<>();
    try (var walk = Files.walk(from)) {
      walk.forEach(all::add);
    }
    for (Path p : all) {
      Path rel = from.relativize(p);
      if (rel.toString().startsWith(skip)) {
        continue;
      }
      if (Files.isDirectory(p)) {
        Files.createDirectories(to.resolve(rel));
      } else {
        Files.copy(p, to.resolve(rel));
      }
    }
  }
}
