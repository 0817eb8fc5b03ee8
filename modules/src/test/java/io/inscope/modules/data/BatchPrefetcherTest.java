package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchPrefetcherTest {
  private static final int N = 23;

  /** Example i: features [i, i + 0.5], label 100 + i. */
  private static Examples examples() {
    float[] features = new float[2 * N];
    float[] labels = new float[N];
    for (int i = 0; i < N; i++) {
      features[2 * i] = i;
      features[2 * i + 1] = i + 0.5f;
      labels[i] = 100 + i;
    }
    return Examples.of(features, new long[] {2}, labels, new long[] {}, List.of(), -1);
  }

  @AfterEach
  void noProducerThreadOutlivesItsTest() {
    assertFalse(producerAlive(), "a prefetcher thread is still running");
  }

  @Test
  void batchesEqualTheSynchronousPlanForThreeEpochs() throws Exception {
    Examples examples = examples();
    BatchPlan plan = BatchPlan.of(N, 5, 7, 42);
    long steps = 3 * plan.stepsPerEpoch();
    BatchPlan.Cursor reference = plan.cursorAt(0);
    float[] features = new float[10];
    float[] labels = new float[5];
    Set<float[]> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
    try (BatchPrefetcher prefetcher = BatchPrefetcher.start(examples, plan, 0, steps, 3)) {
      for (long step = 0; step < steps; step++) {
        assertTrue(prefetcher.hasNext());
        Batch batch = prefetcher.next();
        assertEquals(step, reference.next(examples, features, labels));
        assertEquals(step, batch.step());
        assertEquals(5, batch.count());
        assertArrayEquals(features, batch.features(), "step " + step);
        assertArrayEquals(labels, batch.labels(), "step " + step);
        buffers.add(batch.features());
      }
      assertFalse(prefetcher.hasNext());
      assertThrows(NoSuchElementException.class, prefetcher::next);
    }
    assertEquals(3, buffers.size(), "batches reuse the ring's slots");
  }

  @Test
  void multiStepBatchesStageConsecutiveStepsInArraysAndFeedTensors() throws Exception {
    Examples examples = examples();
    BatchPlan plan = BatchPlan.of(N, 4, N, 3);
    BatchPlan.Cursor reference = plan.cursorAt(2);
    float[] features = new float[8];
    float[] labels = new float[4];
    // executions of 3 steps, cut short where a step is a multiple of 5 (as at a checkpoint)
    try (BatchPrefetcher prefetcher = BatchPrefetcher.start(examples, plan, 2, 13, 2, 3,
        s -> s % 5 >= 2 ? 5 - s % 5 : 3)) {
      List<Integer> lengths = new java.util.ArrayList<>();
      long step = 2;
      while (prefetcher.hasNext()) {
        Batch batch = prefetcher.next();
        assertEquals(step, batch.step());
        float[] staged = new float[(int) batch.featureTensor().size()];
        batch.featureTensor().copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(staged, false, false));
        for (int i = 0; i < batch.steps(); i++) {
          reference.next(examples, features, labels);
          assertArrayEquals(features, java.util.Arrays.copyOfRange(batch.features(), i * 8, i * 8 + 8), "step " + (step + i));
          assertArrayEquals(labels, java.util.Arrays.copyOfRange(batch.labels(), i * 4, i * 4 + 4), "step " + (step + i));
          assertArrayEquals(features, java.util.Arrays.copyOfRange(staged, i * 8, i * 8 + 8), "tensor, step " + (step + i));
        }
        lengths.add(batch.steps());
        step += batch.steps();
      }
      assertEquals(List.of(3, 3, 2, 3), lengths);
      assertEquals(13, step);
    }
  }

  @Test
  void resumedPrefetcherContinuesTheSequence() throws Exception {
    Examples examples = examples();
    BatchPlan plan = BatchPlan.of(N, 4, N, 7);
    BatchPlan.Cursor reference = plan.cursorAt(9);
    float[] features = new float[8];
    float[] labels = new float[4];
    try (BatchPrefetcher prefetcher = BatchPrefetcher.start(examples, plan, 9, 20, 2)) {
      for (long step = 9; step < 20; step++) {
        Batch batch = prefetcher.next();
        reference.next(examples, features, labels);
        assertEquals(step, batch.step());
        assertArrayEquals(features, batch.features());
        assertArrayEquals(labels, batch.labels());
      }
    }
  }

  @Test
  void closeStopsAProducerThatIsWaitingForAFreeSlot() throws Exception {
    BatchPlan plan = BatchPlan.of(N, 5, 0, 1);
    BatchPrefetcher prefetcher = BatchPrefetcher.start(examples(), plan, 0, Long.MAX_VALUE, 2);
    prefetcher.next();
    assertTrue(producerAlive());
    prefetcher.close();
    assertFalse(producerAlive());
    prefetcher.close();
    assertThrows(IllegalStateException.class, prefetcher::next);
  }

  @Test
  void rejectsAPlanForOtherExamples() throws Exception {
    BatchPlan plan = BatchPlan.of(N + 1, 5, 0, 1);
    assertThrows(IllegalArgumentException.class, () -> BatchPrefetcher.start(examples(), plan, 0, 10, 2));
  }

  private static boolean producerAlive() {
    return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("inscope-batches") && t.isAlive());
  }
}
