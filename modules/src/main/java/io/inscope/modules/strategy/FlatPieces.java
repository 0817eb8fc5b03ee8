package io.inscope.modules.strategy;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TType;

/**
 * Flat vectors cut into pieces and joined again, as the reductions that send tensors in packs or
 * segments build them (ring all-reduce, collective all-reduce): one op for one piece.
 */
final class FlatPieces {
  private FlatPieces() {}

  /** The 1-D {@code parts} joined in order (an identity for one part). */
  static <T extends TType> Operand<T> concat(Ops at, List<Operand<T>> parts) {
    return parts.size() == 1 ? at.identity(parts.get(0)) : at.concat(parts, at.constant(0));
  }

  /** The 1-D {@code flat} cut into pieces of {@code lengths} elements, in order ({@code flat} itself for one piece). */
  static <T extends TType> List<Operand<T>> split(Ops at, Operand<T> flat, List<Long> lengths) {
    if (lengths.size() == 1) {
      return List.of(flat);
    }
    long[] l = lengths.stream().mapToLong(Long::longValue).toArray();
    return new ArrayList<>(at.splitV(flat, at.constant(l), at.constant(0), (long) l.length).output());
  }
}
