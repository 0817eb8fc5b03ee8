package io.inscope.modules.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.DType;
import io.inscope.configs.data.ColorMode;
import io.inscope.configs.data.FeatureEncoding;
import io.inscope.configs.data.FeatureSpec;
import io.inscope.configs.data.ImageFolderSpec;
import io.inscope.configs.data.TfrecordSpec;
import io.inscope.modules.data.internal.ParallelImages;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;

/**
 * The graph's image decoding (DecodeImage, half-pixel ResizeBilinear, mapped over a batch of files
 * of different sizes and formats) against the Java decoder that training uses, on the test images
 * (PNG gray, RGB, RGBA and 16-bit; BMP; JPEG gray and RGB; a palette GIF), to gray and RGB, shrunk, enlarged and at
 * size. Tolerance 1e-3 of a level (float rounding of the blend): measured equal, JPEG included
 * (decoded with the accurate integer IDCT; TensorFlow's default fast IDCT was up to 7.7 levels and
 * 1.9 on average away from the Java decoder on these images, and libjpeg's own gray output of an
 * RGB JPEG up to 0.75 after resizing).
 */
class ServingImagesTest {
  private static final Path FOLDER = Path.of("src/test/resources/images/folder");

  @Test
  void theGraphDecodesAsTheJavaDecoder() throws Exception {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(FOLDER)) {
      files = walk.filter(p -> p.toString().matches("(?i).*\\.(png|jpe?g|bmp|gif)")).sorted().toList();
    }
    assertTrue(files.size() >= 6, files.toString());
    List<byte[]> bytes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Path f : files) {
      bytes.add(Files.readAllBytes(f));
      names.add(f.getFileName().toString());
    }
    bytes.add(gif());
    names.add("palette.gif");
    for (int[] size : new int[][] {{4, 6}, {9, 11}, {40, 30}}) {
      for (int channels : new int[] {1, 3}) {
        int h = size[0];
        int w = size[1];
        float[] java = ParallelImages.decode(bytes.size(), bytes::get, channels, h, w);
        float[] graph = decodeInGraph(bytes, h, w, channels);
        int per = h * w * channels;
        for (int i = 0; i < bytes.size(); i++) {
          double max = 0;
          double sum = 0;
          for (int k = i * per; k < (i + 1) * per; k++) {
            double d = Math.abs(java[k] - graph[k]);
            max = Math.max(max, d);
            sum += d;
          }
          String what = names.get(i) + " at " + h + "x" + w + "x" + channels + ": max " + max + ", mean " + sum / per;
          assertEquals(0, max, 1e-3, what);
        }
      }
    }
  }

  @Test
  void imageSourcesGetTheBytesSignature() {
    assertEquals(Optional.of(List.of(9, 11, 1)), ServingGraph.imageShape(new ImageFolderSpec("f", ColorMode.GRAYSCALE, List.of(9, 11))));
    assertEquals(Optional.of(List.of(5, 7, 3)), ServingGraph.imageShape(
        new io.inscope.configs.data.ImageCsvSpec("l.csv", "file", "label", ColorMode.RGB, List.of(5, 7))));
    FeatureSpec image = new FeatureSpec(List.of(24, 24, 3), DType.FLOAT32, FeatureEncoding.IMAGE, false);
    FeatureSpec label = new FeatureSpec(List.of(), DType.INT64);
    assertEquals(Optional.of(List.of(24, 24, 3)),
        ServingGraph.imageShape(new TfrecordSpec(List.of("a.tfrecord"), Map.of("image", image, "label", label), "label")));
    FeatureSpec numbers = new FeatureSpec(List.of(4), DType.FLOAT32);
    assertEquals(Optional.empty(), ServingGraph.imageShape(new TfrecordSpec(List.of("a.tfrecord"),
        Map.of("image", image, "extra", numbers, "label", label), "label")), "an image and other features: no bytes signature");
    assertEquals(Optional.empty(), ServingGraph.imageShape(new TfrecordSpec(List.of("a.tfrecord"),
        Map.of("x", numbers, "label", label), "label")));
  }

  /** A 16x16 GIF of 8 palette colours (the JDK's GIF reader loses pixels of smaller ones). */
  private static byte[] gif() throws Exception {
    byte[] reds = {0, 17, (byte) 255, (byte) 128, 64, 3, 9, 1};
    byte[] greens = {5, 6, 7, 8, 9, 10, 11, 12};
    byte[] blues = {(byte) 200, 0, 0, 0, 0, 0, 0, 1};
    BufferedImage gif = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 8, reds, greens, blues));
    int[] indices = new int[256];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = (i * 7 + i / 16) % 8;
    }
    gif.getRaster().setPixels(0, 0, 16, 16, indices);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(gif, "gif", out);
    return out.toByteArray();
  }

  private static float[] decodeInGraph(List<byte[]> files, int h, int w, int channels) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> in = tf.placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> pixels = ServingImages.decode(tf, in, h, w, channels);
      try (TString t = TString.tensorOfBytes(NdArrays.vectorOfObjects(files.toArray(byte[][]::new)));
          TFloat32 out = (TFloat32) s.runner().feed(in, t).fetch(pixels).run().get(0)) {
        assertEquals(Shape.of(files.size(), h, w, channels), out.shape());
        float[] values = new float[files.size() * h * w * channels];
        out.copyTo(DataBuffers.of(values, false, false));
        return values;
      }
    }
  }
}
