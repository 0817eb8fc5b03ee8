package io.inscope.modules.strategy;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.internal.types.registry.TensorTypeRegistry;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * Ring all-reduce built from TensorFlow ops, with no hub: the values of each replica are flattened
 * into one vector, cut into packs of at most {@code bytesPerPack} bytes (TF's {@code
 * bytes_per_pack}; a large value spans several packs, small ones share one), and each pack into N
 * chunks. Chunk c is summed along the ring, starting on replica c and adding each next replica's
 * chunk on that replica's device (reduce-scatter); the replica holding the full sum divides it by
 * N, and the mean is copied along the ring to every other replica (all-gather). Each replica sends
 * and receives 2 (N - 1) / N times the values' size, whatever N; across tasks, only the replicas at
 * a task boundary send over the network.
 *
 * <p>The replicas get the same bits: each chunk's mean is computed once and only copied after. A
 * value whose shape is not known when the graph is built goes through {@link HubReduction}.
 */
public final class RingReduction implements Reduction {
  private final long bytesPerPack;

  /** @param bytesPerPack the largest pack in bytes; 0 makes one pack of everything */
  public RingReduction(long bytesPerPack) {
    if (bytesPerPack < 0) {
      throw new IllegalArgumentException("bytes_per_pack must be >= 0 (got " + bytesPerPack + ")");
    }
    this.bytesPerPack = bytesPerPack;
  }

  @Override
  public String name() {
    return "ring";
  }

  @Override
  public <T extends TNumber> List<List<Operand<T>>> mean(Ops tf, List<String> devices, List<List<Operand<T>>> values) {
    int n = devices.size();
    if (n == 1 || values.isEmpty()) {
      return values;
    }
    for (List<Operand<T>> perReplica : values) {
      Shape shape = perReplica.get(0).shape();
      if (shape.isUnknown() || shape.hasUnknownDimension()) {
        return new HubReduction().mean(tf, devices, values);
      }
    }
    List<Long> sizes = new ArrayList<>();
    long total = 0;
    for (List<Operand<T>> perReplica : values) {
      sizes.add(perReplica.get(0).shape().size());
      total += sizes.get(sizes.size() - 1);
    }
    List<Long> segments = segments(total, n, elementsPerPack(values.get(0).get(0)));
    int packs = segments.size() / n;

    // [replica][segment]: pack p's chunk c is segment p * n + c
    List<List<Operand<T>>> pieces = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      Ops at = on(tf, devices, r, "ring_split");
      List<Operand<T>> flat = new ArrayList<>();
      for (List<Operand<T>> perReplica : values) {
        flat.add(at.reshape(perReplica.get(r), at.constant(new long[] {-1})));
      }
      pieces.add(FlatPieces.split(at, FlatPieces.concat(at, flat), segments));
    }
    List<List<Operand<T>>> means = new ArrayList<>(); // [replica][segment]
    for (int r = 0; r < n; r++) {
      means.add(new ArrayList<>(segments.size()));
      for (int s = 0; s < segments.size(); s++) {
        means.get(r).add(null);
      }
    }
    for (int p = 0; p < packs; p++) {
      for (int c = 0; c < n; c++) {
        int s = p * n + c;
        Operand<T> partial = pieces.get(c).get(s);
        int holder = c;
        for (int k = 1; k < n; k++) {
          holder = (c + k) % n;
          partial = on(tf, devices, holder, "ring_reduce").math.add(partial, pieces.get(holder).get(s));
        }
        Ops at = on(tf, devices, holder, "ring_reduce");
        Operand<T> mean = at.math.div(partial, at.dtypes.cast(at.constant((float) n), partial.type()));
        means.get(holder).set(s, mean);
        for (int k = 1; k < n; k++) {
          int next = (holder + k) % n;
          mean = on(tf, devices, next, "ring_gather").identity(mean);
          means.get(next).set(s, mean);
        }
      }
    }
    List<List<Operand<T>>> out = new ArrayList<>();
    for (int j = 0; j < values.size(); j++) {
      out.add(new ArrayList<>(n));
    }
    for (int r = 0; r < n; r++) {
      Ops at = on(tf, devices, r, "ring_unpack");
      List<Operand<T>> parts = FlatPieces.split(at, FlatPieces.concat(at, means.get(r)), sizes);
      for (int j = 0; j < values.size(); j++) {
        Shape shape = values.get(j).get(r).shape();
        out.get(j).add(at.reshape(parts.get(j), at.constant(shape.asArray())));
      }
    }
    return out;
  }

  private long elementsPerPack(Operand<?> value) {
    if (bytesPerPack == 0) {
      return Long.MAX_VALUE;
    }
    int bytes = TensorTypeRegistry.find(value.type()).byteSize();
    return Math.max(1, bytesPerPack / Math.max(1, bytes));
  }

  /**
   * The lengths of the segments of a vector of {@code total} elements: packs of at most {@code
   * perPack} elements, each cut into {@code n} chunks whose lengths differ by at most one (a chunk
   * is empty when a pack has fewer than {@code n} elements).
   */
  static List<Long> segments(long total, int n, long perPack) {
    List<Long> out = new ArrayList<>();
    long start = 0;
    do {
      long pack = Math.min(perPack, total - start);
      for (int c = 0; c < n; c++) {
        out.add(pack / n + (c < pack % n ? 1 : 0));
      }
      start += pack;
    } while (start < total);
    return out;
  }

  private static Ops on(Ops tf, List<String> devices, int replica, String scope) {
    return tf.withDevice(Placement.spec(devices.get(replica))).withSubScope(scope);
  }
}
