package io.inscope.modules.checkpoint;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.tensorflow.Tensor;

/** The checksum {@code inspect} prints: the first 16 hex digits of SHA-256 over a tensor's bytes. */
public final class Checksums {
  private Checksums() {}

  public static String of(Tensor t) {
    try {
      byte[] bytes = new byte[(int) t.numBytes()];
      t.asRawTensor().data().read(bytes);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
