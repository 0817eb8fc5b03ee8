package io.inscope.modules.train;

import java.util.List;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.MapDefun;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.StatelessIf;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.image.DecodeImage;
import org.tensorflow.op.image.DecodeJpeg;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * The {@code image_folder} source's decoding as graph ops, so a served image model takes encoded
 * files (PNG, JPEG, GIF, BMP), giving the pixels that {@code io.inscope.modules.data.internal.ImageDecoder}
 * and {@code BilinearResize} give in training:
 *
 * <ul>
 *   <li>a JPEG (bytes starting FF D8 FF) by {@code DecodeJpeg} to RGB with {@code
 *       dct_method=INTEGER_ACCURATE} (the IDCT the Java decoder matches exactly; TensorFlow's
 *       default is INTEGER_FAST), then gray when the job reads one channel with libjpeg's integer
 *       luma {@code (19595 R + 38470 G + 7471 B + 32768) >> 16};
 *   <li>any other by {@code DecodeImage} to RGB ({@code expand_animations=false}: a GIF's first
 *       frame; alpha dropped), then gray with libpng's {@code (9797 R + 19234 G + 3737 B) >> 15}
 *       (TensorFlow's BMP and GIF decoders refuse one channel);
 *   <li>resized to the job's size by {@code ResizeBilinear} ({@code half_pixel_centers=true}, no
 *       antialiasing): floats in [0, 255].
 * </ul>
 *
 * A batch of files ({@code [n]} strings, of any sizes and formats) is decoded one file at a time by
 * a function mapped over the batch ({@code MapDefun}), the format chosen by {@code StatelessIf}.
 */
final class ServingImages {
  /** libpng's fixed-point BT.601 luma (TensorFlow's PNG decoder), {@code >> 15}. */
  private static final int[] PNG_LUMA = {9797, 19234, 3737};
  /** libjpeg's, {@code + 32768 >> 16}. */
  private static final int[] JPEG_LUMA = {19595, 38470, 7471};
  private ServingImages() {}

  /**
   * The pixels of {@code files} ({@code [n]} encoded images) as floats {@code [n, height, width, channels]}.
   */
  static Operand<TFloat32> decode(Ops tf, Operand<TString> files, int height, int width, int channels) {
    ConcreteFunction jpeg = ConcreteFunction.create(f -> {
      Placeholder<TString> file = f.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
      DecodeJpeg rgb = f.withName("decode_jpeg").image.decodeJpeg(file, DecodeJpeg.channels(3L),
          DecodeJpeg.dctMethod("INTEGER_ACCURATE"));
      Operand<TUint8> pixels = channels == 3 ? rgb : gray(f, rgb, JPEG_LUMA, 16, 32768);
      return Signature.builder().key("decode_jpeg").input("file", file).output("pixels", pixels).build();
    });
    ConcreteFunction other = ConcreteFunction.create(f -> {
      Placeholder<TString> file = f.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
      // TensorFlow's BMP and GIF decoders refuse one channel: decode to RGB, then make it gray
      DecodeImage<TUint8> rgb = f.withName("decode_image").image.decodeImage(file, TUint8.class, DecodeImage.channels(3L),
          DecodeImage.expandAnimations(false));
      Operand<TUint8> pixels = channels == 3 ? rgb : gray(f, rgb, PNG_LUMA, 15, 0);
      return Signature.builder().key("decode_image").input("file", file).output("pixels", pixels).build();
    });
    ConcreteFunction one = ConcreteFunction.create(f -> {
      Placeholder<TString> file = f.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
      Operand<TString> magic;
      try (TString bytes = TString.tensorOfBytes(NdArrays.scalarOfObject(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}))) {
        magic = f.constantOf(bytes);
      }
      Operand<TBool> isJpeg = f.withName("is_jpeg").math.equal(f.strings.substr(file, f.constant(0), f.constant(3)), magic);
      StatelessIf decoded = f.withName("decode").statelessIf(isJpeg, List.of(file), List.of(TUint8.class), jpeg, other);
      @SuppressWarnings("unchecked")
      Operand<TUint8> image = (Operand<TUint8>) decoded.output().get(0);
      Operand<TFloat32> resized = f.withName("resize").image.resizeBilinear(f.expandDims(image, f.constant(0)),
          f.constant(new int[] {height, width}), ResizeBilinear.halfPixelCenters(true), ResizeBilinear.alignCorners(false));
      Operand<TFloat32> out = f.reshape(resized, f.constant(new long[] {height, width, channels}));
      return Signature.builder().key("decode_resize").input("file", file).output("pixels", out).build();
    });
    MapDefun mapped = tf.withName("decode_images").mapDefun(List.of(files), List.of(), List.of(TFloat32.class), List.of(Shape.of(height, width, channels)), one);
    @SuppressWarnings("unchecked")
    Operand<TFloat32> out = (Operand<TFloat32>) mapped.output().get(0);
    return out;
  }

  /** {@code (weights · RGB + round) >> shift}: one channel as the Java decoder computes it. */
  private static Operand<TUint8> gray(Ops f, Operand<TUint8> rgb, int[] weights, int shift, int round) {
    Operand<TInt32> x = f.dtypes.cast(rgb, TInt32.class);
    Operand<TInt32> sum = f.sum(f.math.mul(x, f.constant(weights)), f.constant(-1), Sum.keepDims(true));
    return f.dtypes.cast(f.bitwise.rightShift(f.math.add(sum, f.constant(round)), f.constant(shift)), TUint8.class);
  }
}
