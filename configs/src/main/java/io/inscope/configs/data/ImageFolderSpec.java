package io.inscope.configs.data;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.FilePath;
import io.inscope.configs.Kind;
import io.inscope.configs.Pair;
import io.inscope.configs.Range;
import java.util.List;

/**
 * A folder of images with one sub-folder per class, read as Keras' {@code
 * image_dataset_from_directory}: the sorted sub-folder names are the class ids.
 *
 * <pre>
 * image_folder: {path: data/flowers/train, color_mode: rgb, size: [180, 180]}
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>path</td><td>required</td><td>the folder; one sub-folder of .bmp .gif .jpeg .jpg .png files per class</td></tr>
 *   <tr><td>color_mode</td><td>rgb</td><td>grayscale (1 channel) or rgb (3)</td></tr>
 *   <tr><td>size</td><td>[256, 256]</td><td>[height, width] every image is resized to (bilinear)</td></tr>
 * </table>
 */
@Doc("A folder with one sub-folder of images per class (Keras' image_dataset_from_directory): sorted sub-folder names are the class ids")
@Kind("image_folder")
public record ImageFolderSpec(
    @FilePath(directory = true) @Doc("the folder; one sub-folder of .bmp .gif .jpeg .jpg .png images per class") String path,
    @Doc("grayscale (1 channel) or rgb (3 channels)") @Default("rgb") ColorMode colorMode,
    @Doc("[height, width] every image is resized to (bilinear); n means [n, n]") @Default("[256, 256]") @Range(min = 1) @Pair List<Integer> size)
    implements SourceSpec {
  public ImageFolderSpec {
    size = List.copyOf(size);
  }
}
