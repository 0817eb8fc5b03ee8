package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.data.ImageCsvSpec;
import io.inscope.configs.data.SourceSpec;
import io.inscope.modules.data.internal.CsvRecords;
import io.inscope.modules.data.internal.ParallelImages;
import io.inscope.modules.data.internal.SourceFiles;
import io.inscope.modules.data.internal.Suggestions;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code image_csv} source: a UTF-8 CSV file with a header row, one example per row, its image
 * file (relative to the CSV file's folder, or absolute) in the {@code image} column and its label
 * in the {@code label} column. Images are decoded and resized exactly as {@link ImageFolderSource}
 * does, on every core; labels are read as {@link CsvSource} reads them (all numbers: numeric;
 * otherwise class names, ids in sorted order). Examples are in row order.
 *
 * <p>An empty image or label cell, a missing image file and an image that does not decode fail
 * with the CSV file, the line and the image named; all but the last are found when the rows are
 * listed ({@link #list}), before training even when the split streams ({@code cache: false}).
 */
public final class ImageCsvSource implements ImageSource {
  static final String KIND = "image_csv";

  @Override
  public Examples load(SourceSpec spec, InputSpec input, long seed) throws DataException {
    ImageCsvSpec csv = (ImageCsvSpec) spec;
    ImageList list = list(spec, input);
    float[] features;
    try {
      features = ParallelImages.decode(list.size(), i -> Files.readAllBytes(list.files().get(i)), csv.colorMode().channels(),
          csv.size().get(0), csv.size().get(1));
    } catch (ParallelImages.Failure f) {
      throw list.failure(f.index(), f);
    }
    return list.index().withFeatures(features, ImageFolderSource.shape(input));
  }

  /** The rows' images and labels, not decoded. */
  @Override
  public ImageList list(SourceSpec spec, InputSpec input) throws DataException {
    ImageCsvSpec csv = (ImageCsvSpec) spec;
    Path path = Path.of(csv.path());
    int height = csv.size().get(0);
    int width = csv.size().get(1);
    int channels = csv.colorMode().channels();
    ImageFolderSource.checkInput(KIND, height, width, channels, input);
    List<Path> images = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    try (Reader reader = new InputStreamReader(SourceFiles.open(path, KIND, false), StandardCharsets.UTF_8)) {
      read(new CsvRecords(reader), csv, path, images, labels, lines);
    } catch (IOException e) {
      throw SourceFiles.unreadable(path, KIND, e);
    } catch (IllegalStateException e) {
      throw new DataException(KIND, path + ": " + e.getMessage() + "; close the quote or remove the stray '\"'");
    }
    if (images.isEmpty()) {
      throw new DataException(KIND, path + ": lists no image; add a row per example");
    }
    int[] lineArray = lines.stream().mapToInt(Integer::intValue).toArray();
    Examples index = Labels.examples(ImageList.fileNumbers(images.size(), KIND), new long[] {1}, labels,
        Origins.lines(path, lineArray, "column '" + csv.label() + "'"), KIND);
    List<Path> files = List.copyOf(images);
    // a missing image is cheap to find before training, whether the split is decoded now or streamed
    for (int i = 0; i < files.size(); i++) {
      if (!Files.isRegularFile(files.get(i))) {
        throw failure(path, csv, files, lineArray, i, new NoSuchFileException(files.get(i).toString()), null);
      }
    }
    return ImageList.of(files, index, ImageFolderSource.shape(input), channels, height, width,
        (i, f) -> failure(path, csv, files, lineArray, i, f.unreadable(), f.getMessage()));
  }

  /**
   * The error of image {@code i}: unreadable ({@code unreadable}), or read but not an image
   * ({@code message} says why), naming the CSV file, its line and the image.
   */
  private static DataException failure(Path path, ImageCsvSpec csv, List<Path> files, int[] lines, int i, IOException unreadable,
      String message) {
    String at = path + ":" + lines[i] + ": column '" + csv.image() + "': ";
    if (unreadable != null) {
      return new DataException(KIND, at + SourceFiles.unreadable(files.get(i), KIND, unreadable).detail()
          .replace("relative paths resolve against the job file's directory", "relative paths resolve against the CSV file's folder"));
    }
    return new DataException(KIND, at + files.get(i) + ": " + message + "; replace the file or remove the row");
  }

  private static void read(CsvRecords records, ImageCsvSpec csv, Path path, List<Path> images, List<String> labels,
      List<Integer> lines) throws IOException, DataException {
    List<String> header = records.next();
    if (header == null) {
      throw new DataException(KIND, path + ": the file is empty; a header row naming the columns is required");
    }
    header = new ArrayList<>(header.stream().map(String::strip).toList());
    header.set(0, header.get(0).replace("\uFEFF", ""));
    int imageColumn = column(header, csv.image(), path, "image");
    int labelColumn = column(header, csv.label(), path, "label");
    Path folder = path.toAbsolutePath().getParent();
    for (List<String> row = records.next(); row != null; row = records.next()) {
      if (row.size() == 1 && row.get(0).isBlank()) {
        continue;
      }
      String at = path + ":" + records.line() + ": ";
      if (row.size() != header.size()) {
        throw new DataException(KIND, at + row.size() + " fields but the header has " + header.size()
            + "; quote fields that contain commas");
      }
      String image = row.get(imageColumn).strip();
      if (image.isEmpty()) {
        throw new DataException(KIND, at + "column '" + csv.image() + "': the image path is empty");
      }
      String label = row.get(labelColumn).strip();
      if (label.isEmpty()) {
        throw new DataException(KIND, at + "column '" + csv.label() + "': the label is empty");
      }
      images.add(folder.resolve(image).normalize());
      labels.add(label);
      lines.add(records.line());
    }
  }

  private static int column(List<String> header, String name, Path path, String key) throws DataException {
    int index = header.indexOf(name);
    if (index < 0) {
      throw new DataException(KIND + "." + key, path + ":1: no column '" + name + "' in the header (columns: "
          + String.join(", ", header) + ")" + Suggestions.didYouMean(name, header));
    }
    return index;
  }
}
