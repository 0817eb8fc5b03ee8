package io.inscope.modules.data.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
  private static final Path IMAGES = Path.of("src/test/resources/images");
  private final ImageDecoder decoder = new ImageDecoder();

  /** tools/image-folder-reference.py: tf.io.decode_jpeg(dct_method="INTEGER_ACCURATE"), pixel for pixel. */
  @Test
  void jpegMatchesTensorFlowsAccurateIdctExactly() throws Exception {
    for (String line : Files.readAllLines(IMAGES.resolve("tf-jpeg-accurate.txt"))) {
      String[] f = line.split(" ");
      ImageDecoder.Pixels p = decoder.decode(Files.readAllBytes(IMAGES.resolve("folder").resolve(f[0])), Integer.parseInt(f[1]));
      assertEquals(Integer.parseInt(f[2]), p.height());
      assertEquals(Integer.parseInt(f[3]), p.width());
      byte[] expected = new byte[f.length - 4];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = (byte) Integer.parseInt(f[4 + i]);
      }
      assertArrayEquals(expected, p.data(), f[0] + " as " + f[1] + " channels");
    }
  }

  @Test
  void gifPaletteAndBmpToGrayAndRgb() throws Exception {
    // (the JDK's GIF reader loses pixels of images of a few pixels, such as 3x2: this one is 16x16)
    byte[] reds = {0, 17, (byte) 255, (byte) 128, 64, 3, 9, 1};
    byte[] greens = {5, 6, 7, 8, 9, 10, 11, 12};
    byte[] blues = {(byte) 200, 0, 0, 0, 0, 0, 0, 1};
    BufferedImage gif = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 8, reds, greens, blues));
    int[] indices = new int[256];
    byte[] expected = new byte[256 * 3];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = (i * 7 + i / 16) % 8;
      expected[3 * i] = reds[indices[i]];
      expected[3 * i + 1] = greens[indices[i]];
      expected[3 * i + 2] = blues[indices[i]];
    }
    gif.getRaster().setPixels(0, 0, 16, 16, indices);
    assertArrayEquals(expected, decoder.decode(encode(gif, "gif"), 3).data());

    BufferedImage rgb = new BufferedImage(3, 2, BufferedImage.TYPE_3BYTE_BGR);
    rgb.getRaster().setPixels(0, 0, 3, 2, new int[] {255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 0, 0, 0, 255, 255, 255});
    byte[] bmp = encode(rgb, "bmp");
    assertArrayEquals(new byte[] {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 10, 20, 30, 0, 0, 0, (byte) 255, (byte) 255, (byte) 255},
        decoder.decode(bmp, 3).data());
    // libpng's fixed-point BT.601 luma, as TensorFlow's PNG decoder: (9797 R + 19234 G + 3737 B) >> 15
    assertArrayEquals(new byte[] {76, (byte) 149, 29, 18, 0, (byte) 255}, decoder.decode(bmp, 1).data());
  }

  @Test
  void bitDepthsScaleTo8Bits() throws Exception {
    BufferedImage binary = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_BINARY);
    binary.getRaster().setPixels(0, 0, 2, 1, new int[] {1, 0});
    assertArrayEquals(new byte[] {(byte) 255, 0}, decoder.decode(encode(binary, "png"), 1).data());
    BufferedImage deep = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    deep.getRaster().setPixels(0, 0, 2, 1, new int[] {0x12ff, 0xff00});
    assertArrayEquals(new byte[] {0x12, (byte) 0xff}, decoder.decode(encode(deep, "png"), 1).data(), "the high byte, as libpng's strip_16");
  }

  @Test
  void unknownAndDamagedBytesSayWhat() throws Exception {
    assertEquals("not a PNG, JPEG, GIF or BMP image (it starts 3c 68 74 6d)",
        assertThrows(java.io.IOException.class, () -> decoder.decode("<html>".getBytes(), 3)).getMessage());
    byte[] png = Files.readAllBytes(IMAGES.resolve("folder/cat/b-rgb.png"));
    String message = assertThrows(java.io.IOException.class, () -> decoder.decode(Arrays.copyOf(png, 40), 3)).getMessage();
    assertTrue(message.startsWith("cannot be decoded as png ("), message);
    assertEquals(9 * 6 * 3, decoder.decode(png, 3).data().length, "the decoder is usable after a failure");
  }

  private static byte[] encode(BufferedImage image, String format) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, format, out));
    return out.toByteArray();
  }
}
