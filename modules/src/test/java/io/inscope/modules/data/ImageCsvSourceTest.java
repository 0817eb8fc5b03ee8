package io.inscope.modules.data;

import static io.inscope.modules.data.IdxSourceTest.features;
import static io.inscope.modules.data.IdxSourceTest.input;
import static io.inscope.modules.data.IdxSourceTest.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.data.ColorMode;
import io.inscope.configs.data.ImageCsvSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCsvSourceTest {
  @TempDir Path dir;

  /**
   * The test folder's images listed in a CSV in reverse order, paths relative to the CSV's folder:
   * each example is Keras' image_dataset_from_directory value of that image (ImageFolderSourceTest's
   * reference and tolerances), with class ids from the sorted class names.
   */
  @Test
  void rowsDecodeAsKerasDecodesTheirImages() throws Exception {
    copy(ImageFolderSourceTest.REFERENCE.resolve("folder"), dir.resolve("pictures"));
    List<String> reference = new ArrayList<>(Files.readAllLines(ImageFolderSourceTest.REFERENCE.resolve("keras-rgb-4x6.txt")));
    Collections.reverse(reference);
    StringBuilder csv = new StringBuilder("kind,file\n");
    for (String line : reference) {
      String file = line.split(" ")[1];
      csv.append(file.substring(0, file.indexOf('/'))).append(",pictures/").append(file).append('\n');
    }
    Path list = Files.writeString(dir.resolve("list.csv"), csv);
    Examples examples = load(list, "file", "kind");
    assertEquals(List.of("cat", "dog", "zebra"), examples.classNames());
    assertEquals(reference.size(), examples.size());
    float[] values = features(examples);
    float[] labels = labels(examples);
    int size = 4 * 6 * 3;
    for (int i = 0; i < reference.size(); i++) {
      String[] fields = reference.get(i).split(" ");
      assertEquals(Float.parseFloat(fields[0]), labels[i], fields[1]);
      double tolerance = fields[1].endsWith(".jpg") || fields[1].endsWith(".jpeg") ? ImageFolderSourceTest.JPEG
          : ImageFolderSourceTest.LOSSLESS;
      for (int v = 0; v < size; v++) {
        assertEquals(Double.parseDouble(fields[2 + v]), values[i * size + v], tolerance, fields[1] + " value " + v);
      }
    }
    assertEquals(list + ":2: column 'kind'", examples.origin(0));
  }

  @Test
  void numericLabelsAndAbsolutePaths() throws Exception {
    Path png = ImageFolderSourceTest.REFERENCE.resolve("folder/cat/a-gray.png").toAbsolutePath();
    Path list = Files.writeString(dir.resolve("n.csv"), "image,y\n" + png + ",3\n" + png + ",1\n");
    Examples e = load(list, "image", "y");
    assertArrayEquals(new float[] {3, 1}, labels(e));
    assertEquals(List.of(), e.classNames());
  }

  @Test
  void badRowsFailNamingTheCsvLineAndTheImage() throws Exception {
    Files.createDirectories(dir.resolve("img"));
    Files.copy(ImageFolderSourceTest.REFERENCE.resolve("folder/cat/a-gray.png"), dir.resolve("img/ok.png"));
    Files.writeString(dir.resolve("img/text.png"), "not an image");
    Path missing = Files.writeString(dir.resolve("missing.csv"), "image,label\nimg/ok.png,a\nimg/gone.png,b\n");
    assertEquals("image_csv: " + missing + ":3: column 'image': " + dir.resolve("img/gone.png")
        + ": no such file; check the path (relative paths resolve against the CSV file's folder)",
        assertThrows(DataException.class, () -> load(missing, "image", "label")).getMessage());
    // found when the rows are listed, before training even when the split streams (cache: false)
    assertEquals(assertThrows(DataException.class, () -> load(missing, "image", "label")).getMessage(),
        assertThrows(DataException.class, () -> new ImageCsvSource().list(new ImageCsvSpec(missing.toString(), "image", "label",
            ColorMode.RGB, List.of(4, 6)), input(4, 6, 3))).getMessage());
    Path bad = Files.writeString(dir.resolve("bad.csv"), "image,label\nimg/ok.png,a\n\nimg/text.png,b\n");
    assertEquals("image_csv: " + bad + ":4: column 'image': " + dir.resolve("img/text.png")
        + ": not a PNG, JPEG, GIF or BMP image (it starts 6e 6f 74 20); replace the file or remove the row",
        assertThrows(DataException.class, () -> load(bad, "image", "label")).getMessage());
    Path empty = Files.writeString(dir.resolve("empty.csv"), "image,label\nimg/ok.png,\n");
    assertEquals("image_csv: " + empty + ":2: column 'label': the label is empty",
        assertThrows(DataException.class, () -> load(empty, "image", "label")).getMessage());
    String column = assertThrows(DataException.class, () -> load(empty, "images", "label")).getMessage();
    assertTrue(column.startsWith("image_csv.image: " + empty + ":1: no column 'images' in the header (columns: image, label); did you mean 'image'?"), column);
    Path header = Files.writeString(dir.resolve("header.csv"), "image,label\n");
    assertEquals("image_csv: " + header + ": lists no image; add a row per example",
        assertThrows(DataException.class, () -> load(header, "image", "label")).getMessage());
  }

  private static Examples load(Path csv, String image, String label) throws DataException {
    return new ImageCsvSource().load(new ImageCsvSpec(csv.toString(), image, label, ColorMode.RGB, List.of(4, 6)), input(4, 6, 3), 0);
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
