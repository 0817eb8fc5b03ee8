package io.inscope.configs.data;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.FilePath;
import io.inscope.configs.Kind;
import io.inscope.configs.Pair;
import io.inscope.configs.Range;
import io.inscope.configs.SpecException;
import java.util.List;

/**
 * A CSV file listing images and their labels (as Keras' {@code flow_from_dataframe} takes them):
 * one row per example, image paths relative to the CSV file's folder, decoded and resized as
 * {@code image_folder} does.
 *
 * <pre>
 * image_csv: {path: data/train.csv, image: file, label: species, color_mode: rgb, size: [224, 224]}
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>path</td><td>required</td><td>the CSV file; its first row names the columns</td></tr>
 *   <tr><td>image</td><td>required</td><td>the column of image paths, relative to the CSV file's folder</td></tr>
 *   <tr><td>label</td><td>required</td><td>the label column: numbers, or class names (ids in sorted order)</td></tr>
 *   <tr><td>color_mode</td><td>rgb</td><td>grayscale (1 channel) or rgb (3)</td></tr>
 *   <tr><td>size</td><td>[256, 256]</td><td>[height, width] every image is resized to (bilinear)</td></tr>
 * </table>
 */
@Doc("A CSV file listing image paths (relative to the CSV file) and labels; images decoded and resized as image_folder does")
@Kind("image_csv")
public record ImageCsvSpec(
    @FilePath @Doc("CSV file with a header row") String path,
    @Doc("the column of image paths, relative to the CSV file's folder") String image,
    @Doc("the label column: numbers, or class names (class ids in sorted name order)") String label,
    @Doc("grayscale (1 channel) or rgb (3 channels)") @Default("rgb") ColorMode colorMode,
    @Doc("[height, width] every image is resized to (bilinear); n means [n, n]") @Default("[256, 256]") @Range(min = 1) @Pair List<Integer> size)
    implements SourceSpec {
  public ImageCsvSpec {
    size = List.copyOf(size);
    if (image.equals(label)) {
      throw new SpecException("label", "must differ from the image column '" + image + "'");
    }
  }
}
