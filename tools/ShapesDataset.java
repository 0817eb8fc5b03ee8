/*
 * Writes the small "shapes" image dataset that examples/shapes-*.yaml train on: 24x24 RGB pictures
 * of a circle, a square or a triangle, of random size, position and colors, on a random background.
 *
 *   java tools/ShapesDataset.java [OUT]        (default examples/data; JDK only, seeded: the same bytes every run)
 *
 * OUT/shapes/train/<class>/<nnn>.png and OUT/shapes/test/<class>/<nnn>.png: image_folder layout;
 * OUT/shapes-train.tfrecord.gz and OUT/shapes-test.tfrecord.gz: the same images as gzip TFRecord
 * files of tf.Example {image: bytes_list [PNG bytes], label: int64_list [class id]}.
 */

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

public class ShapesDataset {
  static final List<String> CLASSES = List.of("circle", "square", "triangle");
  static final int SIZE = 24;

  public static void main(String[] args) throws IOException {
    Path out = Path.of(args.length > 0 ? args[0] : "examples/data");
    split(out, "train", 80, 1);
    split(out, "test", 30, 2);
  }

  static void split(Path out, String split, int perClass, long seed) throws IOException {
    Random random = new Random(seed);
    Path folder = out.resolve("shapes").resolve(split);
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    for (int i = 0; i < perClass * CLASSES.size(); i++) {
      int label = i % CLASSES.size();
      byte[] png = png(draw(label, random));
      Path dir = folder.resolve(CLASSES.get(label));
      Files.createDirectories(dir);
      Files.write(dir.resolve(String.format("%03d.png", i / CLASSES.size())), png);
      record(records, example(png, label));
    }
    // a fixed gzip header (no time stamp) keeps the bytes the same on every run
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(out.resolve("shapes-" + split + ".tfrecord.gz")))) {
      gz.write(records.toByteArray());
    }
  }

  static BufferedImage draw(int label, Random random) {
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    Color background = new Color(random.nextInt(120), random.nextInt(120), random.nextInt(120));
    Color foreground = new Color(135 + random.nextInt(120), 135 + random.nextInt(120), 135 + random.nextInt(120));
    g.setColor(background);
    g.fillRect(0, 0, SIZE, SIZE);
    g.setColor(foreground);
    int s = 10 + random.nextInt(9);
    int x = random.nextInt(SIZE - s + 1);
    int y = random.nextInt(SIZE - s + 1);
    switch (label) {
      case 0 -> g.fillOval(x, y, s, s);
      case 1 -> g.fillRect(x, y, s, s);
      default -> g.fillPolygon(new int[] {x, x + s, x + s / 2}, new int[] {y + s, y + s, y}, 3);
    }
    g.dispose();
    return image;
  }

  static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(image, "png", bytes);
    return bytes.toByteArray();
  }

  /** tf.Example {features {feature {key: "image" value {bytes_list {value: png}}} feature {key: "label" value {int64_list {value: label}}}}}. */
  static byte[] example(byte[] png, int label) {
    byte[] image = field(1, field(1, "image".getBytes()), field(2, field(1, field(1, png))));
    // Feature.int64_list (field 3) of Int64List.value (field 1, packed varints)
    byte[] labelEntry = field(1, field(1, "label".getBytes()), field(2, field(3, field(1, varint(label)))));
    return field(1, concat(image, labelEntry));
  }

  /** A length-delimited protobuf field holding the concatenated parts. */
  static byte[] field(int number, byte[]... parts) {
    byte[] body = concat(parts);
    return concat(new byte[] {(byte) (number << 3 | 2)}, varint(body.length), body);
  }

  static byte[] varint(int value) {
    return varintBytes(value);
  }

  static byte[] varintBytes(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((value & ~0x7fL) != 0) {
      out.write((int) (value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write((int) value);
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** TFRecord framing: length (uint64 LE), masked CRC32C of it, data, masked CRC32C of the data. */
  static void record(ByteArrayOutputStream out, byte[] data) {
    byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
    out.writeBytes(length);
    out.writeBytes(le32(masked(length)));
    out.writeBytes(data);
    out.writeBytes(le32(masked(data)));
  }

  static int masked(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    int v = (int) crc.getValue();
    return ((v >>> 15) | (v << 17)) + 0xa282ead8;
  }

  static byte[] le32(int v) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
  }
}
