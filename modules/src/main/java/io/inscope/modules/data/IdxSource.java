package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.data.IdxSpec;
import io.inscope.configs.data.SourceSpec;
import io.inscope.modules.data.internal.IdxFile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code idx} source: an IDX file of examples and one of labels (the MNIST format).
 *
 * <pre>
 * idx: {images: train-images-idx3-ubyte.gz, labels: train-labels-idx1-ubyte.gz}
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>images</td><td>required</td><td>IDX file of examples; dimension 0 counts them</td></tr>
 *   <tr><td>labels</td><td>required</td><td>IDX file of labels, one per example</td></tr>
 * </table>
 *
 * <p>Either file may be gzip-compressed (detected by its magic bytes). Every IDX type is read
 * (ubyte, byte, short, int, float, double) and widened to float. An example must hold as many
 * values as {@code model.input}; its layout may differ ({@code [28, 28]} data feeds input {@code
 * [784]}). The label shape is the labels file's dimensions after the first ({@code []} for MNIST);
 * the number of classes is not inferred.
 */
public final class IdxSource implements SourceFactory {
  private static final String KIND = "idx";

  @Override
  public Examples load(SourceSpec spec, InputSpec input, long seed) throws DataException {
    IdxSpec idx = (IdxSpec) spec;
    Path imagesPath = Path.of(idx.images());
    Path labelsPath = Path.of(idx.labels());
    IdxFile images = IdxFile.read(imagesPath, KIND + ".images");
    long[] exampleShape = images.exampleShape();
    long elements = product(exampleShape);
    if (elements != input.elements()) {
      throw new DataException(KIND + ".images", imagesPath + ": examples have shape " + Arrays.toString(exampleShape) + " ("
          + elements + " values) but model.input.shape " + input.shape() + " has " + input.elements()
          + "; set model.input.shape to " + Arrays.toString(exampleShape) + " or another shape of " + elements + " values");
    }
    IdxFile labels = IdxFile.read(labelsPath, KIND + ".labels");
    if (labels.count() != images.count()) {
      throw new DataException(KIND, labelsPath + " has " + labels.count() + " labels but " + imagesPath + " has "
          + images.count() + " examples; the two files must describe the same examples (same split, same order)");
    }
    long[] inputShape = input.shape().stream().mapToLong(Integer::longValue).toArray();
    return new Examples(images.values(), inputShape, labels.values(), labels.exampleShape(), List.of(), -1,
        Origins.items(labelsPath, "label"), null);
  }

  private static long product(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }
}
