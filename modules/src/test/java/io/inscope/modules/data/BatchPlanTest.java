package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.data.internal.SplitMix64;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchPlanTest {

  @Test
  void everyEpochVisitsEveryExampleOnce() throws DataException {
    for (int shuffle : new int[] {0, 1, 2, 5, 17, 1000}) {
      BatchPlan plan = BatchPlan.of(17, 4, shuffle, 42);
      for (long epoch = 0; epoch < 5; epoch++) {
        int[] sorted = plan.epochOrder(epoch).clone();
        Arrays.sort(sorted);
        assertArrayEquals(IntStream.range(0, 17).toArray(), sorted, "shuffle " + shuffle + " epoch " + epoch);
      }
    }
  }

  @Test
  void bufferOfZeroOrOneKeepsTheFileOrder() throws DataException {
    int[] identity = IntStream.range(0, 9).toArray();
    assertArrayEquals(identity, BatchPlan.of(9, 2, 0, 42).epochOrder(3));
    assertArrayEquals(identity, BatchPlan.of(9, 2, 1, 42).epochOrder(3));
  }

  @Test
  void orderMatchesTensorFlowsRingBufferAlgorithm() throws DataException {
    for (int n : new int[] {1, 2, 7, 20}) {
      for (int s : new int[] {2, 3, 7, 25}) {
        for (long epoch = 0; epoch < 3; epoch++) {
          assertArrayEquals(tensorFlowShuffle(n, s, 9, epoch), BatchPlan.of(n, 1, s, 9).epochOrder(epoch), "n " + n + " s " + s);
        }
      }
    }
  }

  @Test
  void noExampleLeavesBeforeItEntersTheBuffer() throws DataException {
    BatchPlan plan = BatchPlan.of(50, 5, 4, 1);
    for (long epoch = 0; epoch < 20; epoch++) {
      int[] order = plan.epochOrder(epoch);
      for (int k = 0; k < order.length; k++) {
        assertTrue(order[k] <= k + 3, "output " + k + " is example " + order[k] + ", not yet read with a buffer of 4");
      }
    }
  }

  @Test
  void fullBufferIsAUniformShuffle() throws DataException {
    BatchPlan plan = BatchPlan.of(3, 1, 3, 5);
    Map<String, Integer> counts = new HashMap<>();
    for (long epoch = 0; epoch < 6000; epoch++) {
      counts.merge(Arrays.toString(plan.epochOrder(epoch)), 1, Integer::sum);
    }
    assertEquals(6, counts.size());
    counts.values().forEach(count -> assertEquals(1000, count, 120));
  }

  @Test
  void orderDependsOnSeedAndEpochOnly() throws DataException {
    BatchPlan plan = BatchPlan.of(30, 4, 30, 42);
    int[] epoch2 = plan.epochOrder(2);
    assertArrayEquals(epoch2, BatchPlan.of(30, 7, 30, 42).epochOrder(2));
    assertFalse(Arrays.equals(epoch2, plan.epochOrder(3)));
    assertFalse(Arrays.equals(epoch2, BatchPlan.of(30, 4, 30, 43).epochOrder(2)));
    assertFalse(Arrays.equals(IntStream.range(0, 30).toArray(), epoch2));
  }

  @Test
  void batchesAreConsecutiveRunsOfTheEpochOrderAndDropTheRemainder() throws DataException {
    BatchPlan plan = BatchPlan.of(10, 3, 4, 7);
    assertEquals(3, plan.stepsPerEpoch());
    List<int[]> batches = batches(plan, 0, 9);
    for (int epoch = 0; epoch < 3; epoch++) {
      int[] order = plan.epochOrder(epoch);
      for (int b = 0; b < 3; b++) {
        assertArrayEquals(Arrays.copyOfRange(order, 3 * b, 3 * b + 3), batches.get(3 * epoch + b));
      }
    }
  }

  @Test
  void resumeAtAnyStepContinuesTheUninterruptedSequence() throws DataException {
    BatchPlan plan = BatchPlan.of(11, 4, 5, 3);
    List<int[]> uninterrupted = batches(plan, 0, 12);
    for (int k = 0; k <= 12; k++) {
      BatchPlan.Cursor cursor = plan.cursorAt(k);
      assertEquals(k, cursor.step());
      assertEquals(k / 2, cursor.epoch());
      assertEquals(k % 2, cursor.batchInEpoch());
      List<int[]> resumed = batches(BatchPlan.of(11, 4, 5, 3), k, 12 - k);
      for (int i = 0; i < resumed.size(); i++) {
        assertArrayEquals(uninterrupted.get(k + i), resumed.get(i), "resumed at " + k + ", batch " + i);
      }
    }
  }

  @Test
  void cursorGathersTheExamplesOfItsBatch() throws DataException {
    float[] features = new float[12];
    float[] labels = new float[6];
    for (int i = 0; i < 6; i++) {
      features[2 * i] = i;
      features[2 * i + 1] = -i;
      labels[i] = 100 + i;
    }
    Examples examples = Examples.of(features, new long[] {2}, labels, new long[] {}, List.of(), -1);
    BatchPlan plan = BatchPlan.of(6, 2, 6, 1);
    // 3 steps per epoch: step 4 is batch 1 of epoch 1, examples 2 and 3 of that epoch's order.
    BatchPlan.Cursor cursor = plan.cursorAt(4);
    int[] order = plan.epochOrder(1);
    float[] f = new float[4];
    float[] l = new float[2];
    assertEquals(4, cursor.next(examples, f, l));
    assertArrayEquals(new float[] {order[2], -order[2], order[3], -order[3]}, f);
    assertArrayEquals(new float[] {100 + order[2], 100 + order[3]}, l);
    assertEquals(5, cursor.step());
  }

  @Test
  void fewerExamplesThanOneBatchIsAnError() {
    DataException e = assertThrows(DataException.class, () -> BatchPlan.of(10, 32, 0, 42));
    assertEquals("data.train.batch_size: 32 is more than the 10 training examples; the last partial batch is dropped,"
        + " so no step could run: set batch_size to at most 10", e.under("data.train").getMessage());
  }

  private static List<int[]> batches(BatchPlan plan, long from, int count) {
    BatchPlan.Cursor cursor = plan.cursorAt(from);
    List<int[]> batches = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int[] batch = new int[plan.batchSize()];
      cursor.indices(batch);
      cursor.advance();
      batches.add(batch);
    }
    return batches;
  }

  /**
   * A transcription of TensorFlow's ShuffleDatasetOp iterator for one epoch: a ring buffer of
   * {@code s} slots holding positions [start, end); before each output it is filled from the
   * input; the output is a uniform pick among the live slots, swapped with the front slot.
   */
  private static int[] tensorFlowShuffle(int n, int s, long seed, long epoch) {
    SplitMix64 random = SplitMix64.forKeys(seed, BatchPlan.SHUFFLE, epoch);
    int[] buffer = new int[s];
    int[] out = new int[n];
    long start = 0;
    long end = 0;
    int next = 0;
    for (int k = 0; k < n; k++) {
      while (next < n && end - start < s) {
        buffer[(int) (end++ % s)] = next++;
      }
      int live = (int) (end - start);
      int offset = live == 1 ? 0 : random.nextInt(live);
      int index = (int) ((start + offset) % s);
      out[k] = buffer[index];
      int front = (int) (start % s);
      buffer[index] = buffer[front];
      start++;
    }
    return out;
  }
}
