package io.inscope.runner.bench;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;

/**
 * Writes Fashion-MNIST (the Debian package {@code dataset-fashion-mnist}) as PNG class folders,
 * the layout of Keras' {@code image_dataset_from_directory}: {@code OUT/train/<class>/<index>.png}
 * and {@code OUT/test/<class>/<index>.png}, 8-bit grayscale 28x28. Class folder names start with
 * the class id, so their sorted order is the id order.
 *
 * <pre>
 * java -cp runner/target/runner.jar io.inscope.runner.bench.FashionMnistFolders [OUT] [IDX_DIR]
 * </pre>
 */
public final class FashionMnistFolders {
  public static final Path DATASET = Path.of("/usr/share/datasets/fashion-mnist");
  public static final List<String> CLASSES = List.of("0-t-shirt-top", "1-trouser", "2-pullover", "3-dress", "4-coat",
      "5-sandal", "6-shirt", "7-sneaker", "8-bag", "9-ankle-boot");

  private FashionMnistFolders() {}

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "examples/data/fashion-mnist-png");
    Path idx = args.length > 1 ? Path.of(args[1]) : DATASET;
    long start = System.nanoTime();
    int n = write(idx, out);
    System.out.printf(Locale.ROOT, "wrote %d PNG images under %s in %.1f s%n", n, out, (System.nanoTime() - start) / 1e9);
  }

  /** Writes both splits; returns the number of images. */
  public static int write(Path idx, Path out) throws IOException {
    return split(idx, "train", out.resolve("train")) + split(idx, "t10k", out.resolve("test"));
  }

  private static int split(Path idx, String prefix, Path out) throws IOException {
    byte[] images = read(idx.resolve(prefix + "-images-idx3-ubyte.gz"), 16);
    byte[] labels = read(idx.resolve(prefix + "-labels-idx1-ubyte.gz"), 8);
    for (String c : CLASSES) {
      Files.createDirectories(out.resolve(c));
    }
    int n = labels.length;
    IntStream.range(0, n).parallel().forEach(i -> {
      BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
      for (int p = 0; p < 784; p++) {
        image.getRaster().setSample(p % 28, p / 28, 0, images[i * 784 + p] & 0xff);
      }
      try {
        ImageIO.write(image, "png", out.resolve(CLASSES.get(labels[i])).resolve(String.format(Locale.ROOT, "%05d.png", i)).toFile());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return n;
  }

  private static byte[] read(Path file, int header) throws IOException {
    try (InputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16))) {
      in.readNBytes(header);
      return in.readAllBytes();
    }
  }
}
