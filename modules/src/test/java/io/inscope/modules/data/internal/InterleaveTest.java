package io.inscope.modules.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterleaveTest {
  /** Files of 2, 3, 0 and 1 records, two open at once: one record from each in turn; a file that ends hands on its slot. */
  @Test
  void recordsAreTakenFromTheOpenFilesInTurn() {
    Interleave interleave = new Interleave(new int[] {0, 1, 2, 3}, new long[] {2, 3, 0, 1}, 2);
    List<Integer> slots = new ArrayList<>();
    for (int s = interleave.next(); s >= 0; s = interleave.next()) {
      slots.add(s);
    }
    // slot 0: file 0 (2 records), then file 3 (the empty file 2 is passed over); slot 1: file 1
    assertEquals(List.of(0, 1, 0, 1, 0, 1), slots);
    assertEquals(List.of(List.of(0, 3), List.of(1)), new Interleave(new int[] {0, 1, 2, 3}, new long[] {2, 3, 0, 1}, 2).filesBySlot());
  }

  @Test
  void theFileOrderDecidesWhichFilesShareASlot() {
    Interleave interleave = new Interleave(new int[] {2, 0, 1}, new long[] {1, 1, 3}, 2);
    assertEquals(List.of(List.of(2), List.of(0, 1)), interleave.filesBySlot());
    List<Integer> slots = new ArrayList<>();
    for (int s = interleave.next(); s >= 0; s = interleave.next()) {
      slots.add(s);
    }
    assertEquals(List.of(0, 1, 0, 1, 0), slots);
  }
}
