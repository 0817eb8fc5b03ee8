package io.inscope.modules.data.internal;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes PNG, JPEG, BMP and GIF bytes to 8-bit pixels, {@code height × width × channels} row-major,
 * as TensorFlow's {@code tf.io.decode_image(bytes, channels, expand_animations=False)} does: the
 * format is told by the first bytes (not the file name), a GIF gives its first frame, alpha is
 * dropped, gray becomes RGB by repeating it, RGB becomes gray as TensorFlow's PNG decoder has libpng
 * do it ({@code (9797 R + 19234 G + 3737 B) >> 15}, libpng's fixed-point BT.601), or for a JPEG with
 * libjpeg's rounding ({@code (19595 R + 38470 G + 7471 B + 32768) >> 16}), 16-bit samples keep their high byte and
 * 1, 2 and 4-bit gray is scaled to 0-255. Samples are taken from the raster as stored: no gamma or
 * color-profile conversion, as TensorFlow does none. JPEG is decoded by the JDK's libjpeg, so
 * values may differ by a few levels from TensorFlow's libjpeg-turbo.
 *
 * <p>Not thread-safe: it keeps one reader per format; use one decoder per thread.
 */
public final class ImageDecoder {
  /** An image format, by its magic bytes. */
  public enum Format {
    PNG("png"), JPEG("jpeg"), GIF("gif"), BMP("bmp");

    private final String name;

    Format(String name) {
      this.name = name;
    }

    /** The format of {@code bytes}, or null when they start like none of them. */
    public static Format of(byte[] b) {
      if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
        return PNG;
      }
      if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
        return JPEG;
      }
      if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
        return GIF;
      }
      if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') {
        return BMP;
      }
      return null;
    }
  }

  /** Decoded pixels: {@code height × width × channels} bytes, row-major. */
  public record Pixels(int height, int width, int channels, byte[] data) {}

  static {
    ImageIO.setUseCache(false);
  }

  private final Map<Format, ImageReader> readers = new EnumMap<>(Format.class);

  /**
   * @param channels 1 (gray) or 3 (RGB)
   * @throws IOException with a message saying what is wrong, when the bytes are not an image of a known format
   */
  public Pixels decode(byte[] bytes, int channels) throws IOException {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3 (got " + channels + ")");
    }
    Format format = Format.of(bytes);
    if (bytes.length == 0) {
      throw new IOException("the image is empty (0 bytes)");
    }
    if (format == null) {
      throw new IOException("not a PNG, JPEG, GIF or BMP image (it starts " + java.util.HexFormat.ofDelimiter(" ")
          .formatHex(bytes, 0, Math.min(bytes.length, 4)) + ")");
    }
    ImageReader reader = readers.computeIfAbsent(format, ImageDecoder::reader);
    BufferedImage image;
    try (MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, true, true);
      image = reader.read(0);
    } catch (IOException | RuntimeException e) {
      throw new IOException("cannot be decoded as " + format.name + " (" + e.getMessage() + ")", e);
    } finally {
      reader.setInput(null);
    }
    return pixels(image, channels, format == Format.JPEG);
  }

  private static ImageReader reader(Format format) {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.name);
    if (!readers.hasNext()) {
      throw new IllegalStateException("this Java runtime has no " + format.name + " image reader");
    }
    return readers.next();
  }

  static Pixels pixels(BufferedImage image, int channels, boolean jpeg) throws IOException {
    int h = image.getHeight();
    int w = image.getWidth();
    Raster raster = image.getRaster();
    ColorModel cm = image.getColorModel();
    int bands = raster.getNumBands();
    int[] samples = raster.getPixels(0, 0, w, h, (int[]) null);
    byte[] out = new byte[h * w * channels];
    if (cm instanceof IndexColorModel palette) {
      for (int p = 0; p < h * w; p++) {
        int i = samples[p * bands];
        put(out, p, channels, jpeg, palette.getRed(i), palette.getGreen(i), palette.getBlue(i));
      }
      return new Pixels(h, w, channels, out);
    }
    int colors = cm.getNumColorComponents();
    if (colors != 1 && colors != 3) {
      throw new IOException("has " + colors + " color components (a CMYK or other color space); convert it to RGB or gray");
    }
    int bits = cm.getComponentSize(0);
    for (int p = 0; p < h * w; p++) {
      int base = p * bands;
      if (colors == 1) {
        int v = to8(samples[base], bits);
        put(out, p, channels, jpeg, v, v, v);
      } else {
        put(out, p, channels, jpeg, to8(samples[base], bits), to8(samples[base + 1], bits), to8(samples[base + 2], bits));
      }
    }
    return new Pixels(h, w, channels, out);
  }

  private static int to8(int sample, int bits) {
    if (bits == 8) {
      return sample;
    }
    return bits > 8 ? sample >>> (bits - 8) : sample * 255 / ((1 << bits) - 1);
  }

  private static void put(byte[] out, int p, int channels, boolean jpeg, int r, int g, int b) {
    if (channels == 1) {
      out[p] = (byte) (jpeg ? (19595 * r + 38470 * g + 7471 * b + 32768) >> 16 : (9797 * r + 19234 * g + 3737 * b) >> 15);
    } else {
      out[p * 3] = (byte) r;
      out[p * 3 + 1] = (byte) g;
      out[p * 3 + 2] = (byte) b;
    }
  }
}
