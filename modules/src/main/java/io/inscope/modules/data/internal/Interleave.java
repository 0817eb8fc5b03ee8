package io.inscope.modules.data.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Which file each input position of a streamed epoch comes from: {@code cycle} files are open at
 * once, records are taken from them in turn (one each, as tf.data's {@code interleave} with {@code
 * block_length=1}), and a file that ends hands its slot to the next file of the epoch's order at
 * once. A pure function of the file order and the files' record counts, so a resumed run computes
 * the same sequence without reading a record.
 */
public final class Interleave {
  private final int[] order;
  private final long[] counts;
  private final int[] slotFile;
  private final long[] left;
  private final List<List<Integer>> slotFiles;
  private int nextFile;
  private int slot;
  private int active;

  /**
   * @param order file indices in the epoch's order
   * @param counts records per file, by file index
   * @param cycle files open at once, at least 1
   */
  public Interleave(int[] order, long[] counts, int cycle) {
    if (cycle < 1) {
      throw new IllegalArgumentException("cycle must be >= 1 (got " + cycle + ")");
    }
    this.order = order.clone();
    this.counts = counts.clone();
    int slots = Math.max(1, Math.min(cycle, order.length));
    this.slotFile = new int[slots];
    this.left = new long[slots];
    this.slotFiles = new ArrayList<>();
    for (int s = 0; s < slots; s++) {
      slotFiles.add(new ArrayList<>());
      if (open(s)) {
        active++;
      }
    }
  }

  /** Slots: the number of reader threads the epoch needs. */
  public int slots() {
    return slotFile.length;
  }

  /** The slot of the next input position, or -1 after the last record of the epoch. */
  public int next() {
    if (active == 0) {
      return -1;
    }
    while (slotFile[slot] < 0) {
      slot = (slot + 1) % slotFile.length;
    }
    int s = slot;
    if (--left[s] == 0 && !open(s)) {
      active--;
    }
    slot = (slot + 1) % slotFile.length;
    return s;
  }

  /**
   * The files each slot reads, in order, for the whole epoch (runs a copy of this sequence to its
   * end: time linear in the records, no I/O).
   */
  public List<List<Integer>> filesBySlot() {
    Interleave copy = new Interleave(order, counts, slotFile.length);
    while (copy.next() >= 0) {
      // opening a file records it in its slot's list
    }
    return copy.slotFiles.stream().map(List::copyOf).toList();
  }

  private boolean open(int s) {
    while (nextFile < order.length) {
      int f = order[nextFile++];
      if (counts[f] > 0) {
        slotFile[s] = f;
        left[s] = counts[f];
        slotFiles.get(s).add(f);
        return true;
      }
    }
    slotFile[s] = -1;
    return false;
  }
}
