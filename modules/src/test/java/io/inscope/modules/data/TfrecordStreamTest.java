package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.DType;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.FeatureSpec;
import io.inscope.configs.data.TfrecordSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfrecordStreamTest {
  @TempDir Path tmp;

  /** One file read by one reader: the same batches, bit for bit, as the split held in memory. */
  @Test
  void oneFileOneReaderGivesTheBatchesOfTheSplitInMemory() throws Exception {
    Path file = DataFiles.numberedTriples(tmp.resolve("one.tfrecord"), 0, 103, false);
    DataSplitSpec split = split(List.of(file.toString()), 1, 17, 8, 0.5);
    TfrecordStream stream = TfrecordStream.open("data.train", split, DataFiles.input(3), 11, Shards.ALL);
    Examples examples = new TfrecordSource().load(split.source(), DataFiles.input(3), 11).scaled(0.5);
    BatchPlan plan = BatchPlan.of(examples.size(), 8, 17, 11);
    assertEquals(plan.stepsPerEpoch(), stream.stepsPerEpoch());
    List<float[]> streamed = batches(stream, 0, 40);
    List<float[]> inMemory = batches(TrainingData.inMemory(examples, plan), 0, 40);
    for (int i = 0; i < streamed.size(); i++) {
      assertArrayEquals(inMemory.get(i), streamed.get(i), "batch " + i / 2);
    }
  }

  /**
   * Rows of 70,000 values (a decoded image's size) travel 3 to a chunk, not 64 (a reader's four
   * chunks stay at 4 MiB): the batches are still those of the split in memory, and a cursor opened
   * mid-epoch with two readers continues the uninterrupted sequence.
   */
  @Test
  void largeRowsTravelInSmallerChunksWithTheSameBatches() throws Exception {
    int width = 70_000;
    assertEquals(3, StreamEpoch.chunkRows(width + 1));
    assertEquals(StreamEpoch.CHUNK, StreamEpoch.chunkRows(785));
    assertEquals(1, StreamEpoch.chunkRows(1 << 20));
    List<String> paths = new ArrayList<>();
    for (int f = 0; f < 2; f++) {
      byte[][] records = new byte[23][];
      for (int i = 0; i < records.length; i++) {
        float[] x = new float[width];
        x[0] = f * 100 + i;
        x[width - 1] = -i;
        records[i] = DataFiles.example(x, i % 5);
      }
      paths.add(DataFiles.tfrecord(tmp.resolve("wide-" + f + ".tfrecord"), records).toString());
    }
    Map<String, FeatureSpec> features = new LinkedHashMap<>();
    features.put("x", new FeatureSpec(List.of(width), DType.FLOAT32));
    features.put("label", new FeatureSpec(List.of(), DType.INT64));
    DataSplitSpec one = new DataSplitSpec(new TfrecordSpec(paths.subList(0, 1), features, "label", null, 1), 1.0, 9, 4, false);
    TfrecordStream stream = TfrecordStream.open("data.train", one, DataFiles.input(width), 5, Shards.ALL);
    Examples examples = new TfrecordSource().load(one.source(), DataFiles.input(width), 5);
    BatchPlan plan = BatchPlan.of(examples.size(), 4, 9, 5);
    List<float[]> streamed = batches(stream, 0, 14);
    List<float[]> inMemory = batches(TrainingData.inMemory(examples, plan), 0, 14);
    for (int i = 0; i < streamed.size(); i++) {
      assertArrayEquals(inMemory.get(i), streamed.get(i), "batch " + i / 2);
    }
    DataSplitSpec two = new DataSplitSpec(new TfrecordSpec(paths, features, "label", null, 2), 1.0, 9, 4, false);
    TfrecordStream both = TfrecordStream.open("data.train", two, DataFiles.input(width), 5, Shards.ALL);
    List<float[]> whole = batches(both, 0, 20);
    for (long at : new long[] {3, 11, 14}) {
      List<float[]> resumed = batches(both, at, 20 - at);
      for (int i = 0; i < resumed.size(); i++) {
        assertArrayEquals(whole.get((int) (2 * at) + i), resumed.get(i), "resumed at step " + at + ", array " + i);
      }
    }
  }

  /**
   * Five files of uneven sizes (one empty, one gzip), three readers: starting at any step (mid
   * epoch, at an epoch boundary, in a later epoch) gives exactly the batches the uninterrupted
   * sequence gives from that step.
   */
  @Test
  void aCursorOpenedAtAnyStepContinuesTheUninterruptedSequenceBitExact() throws Exception {
    List<String> paths = shardedSet();
    DataSplitSpec split = split(paths, 3, 16, 6, 1.0);
    TfrecordStream stream = TfrecordStream.open("data.train", split, DataFiles.input(3), 7, Shards.ALL);
    assertEquals(97, stream.size());
    assertEquals(16, stream.stepsPerEpoch());
    List<float[]> whole = batches(stream, 0, 50);
    for (long at : new long[] {1, 5, 15, 16, 23, 37, 48}) {
      List<float[]> resumed = batches(stream, at, 50 - at);
      for (int i = 0; i < resumed.size(); i++) {
        assertArrayEquals(whole.get((int) (2 * at) + i), resumed.get(i), "resumed at step " + at + ", array " + i);
      }
    }
  }

  /**
   * Once an epoch's input is read, the next epoch opens in the background (its readers fill its
   * buffer while this one drains); closing the cursor then, or mid-epoch, stops every reader thread.
   */
  @Test
  void closingACursorStopsTheReadersOfThisEpochAndOfTheNextOneOpening() throws Exception {
    List<String> paths = shardedSet();
    TfrecordStream stream = TfrecordStream.open("data.train", split(paths, 3, 16, 6, 1.0), DataFiles.input(3), 7, Shards.ALL);
    for (long steps : new long[] {3, 14, 15}) { // 97 records, 16 in the buffer: the input is all read after output 81 (step 13)
      try (BatchCursor cursor = stream.cursorAt(0)) {
        float[] x = new float[6 * 3];
        float[] y = new float[6];
        for (long s = 0; s < steps; s++) {
          cursor.next(x, y, 0);
        }
      }
      List<String> alive = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
          .map(Thread::getName).filter(n -> n.startsWith("inscope-tfrecord")).toList();
      assertEquals(List.of(), alive, "after " + steps + " steps");
    }
  }

  /** Each epoch draws distinct records (the partial last batch dropped) in a new order. */
  @Test
  void everyEpochDrawsDistinctRecordsReshuffled() throws Exception {
    List<String> paths = shardedSet();
    TfrecordStream stream = TfrecordStream.open("data.train", split(paths, 2, 1000, 6, 1.0), DataFiles.input(3), 7, Shards.ALL);
    List<float[]> b = batches(stream, 0, 32);
    List<Float> first = ids(b, 0, 16);
    List<Float> second = ids(b, 16, 32);
    assertEquals(96, new HashSet<>(first).size());
    assertEquals(96, new HashSet<>(second).size());
    assertNotEquals(first, second, "reshuffled each epoch");
    TfrecordStream other = TfrecordStream.open("data.train", split(paths, 2, 1000, 6, 1.0), DataFiles.input(3), 8, Shards.ALL);
    assertNotEquals(first, ids(batches(other, 0, 16), 0, 16), "another seed, another order");
  }

  /** A buffer of s examples: output p comes from the first p + s records (tf.data's shuffle). */
  @Test
  void theBufferBoundsHowFarAnExampleMoves() throws Exception {
    Path file = DataFiles.numberedTriples(tmp.resolve("one.tfrecord"), 0, 200, false);
    int s = 10;
    TfrecordStream stream = TfrecordStream.open("data.train", split(List.of(file.toString()), 1, s, 4, 1.0), DataFiles.input(3), 3, Shards.ALL);
    List<Float> order = ids(batches(stream, 0, 50), 0, 50);
    boolean moved = false;
    for (int p = 0; p < order.size(); p++) {
      assertTrue(order.get(p) < p + s, "output " + p + " is record " + order.get(p));
      moved |= order.get(p) != p;
    }
    assertTrue(moved);
    TfrecordStream unshuffled = TfrecordStream.open("data.train", split(List.of(file.toString()), 1, 0, 4, 1.0), DataFiles.input(3), 3, Shards.ALL);
    List<Float> inOrder = ids(batches(unshuffled, 0, 50), 0, 50);
    for (int p = 0; p < inOrder.size(); p++) {
      assertEquals(p, inOrder.get(p));
    }
  }

  @Test
  void aDamagedRecordStopsTheStreamNamingFileAndRecord() throws Exception {
    Path file = tmp.resolve("bad.tfrecord");
    List<byte[]> records = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      records.add(i == 13 ? new byte[] {1, 2, 3} : DataFiles.example(new float[] {i, 0, 0}, i % 2));
    }
    DataFiles.tfrecord(file, records.toArray(byte[][]::new));
    TfrecordStream stream = TfrecordStream.open("data.train", split(List.of(file.toString()), 2, 0, 4, 1.0), DataFiles.input(3), 3, Shards.ALL);
    DataException e = assertThrows(DataException.class, () -> batches(stream, 0, 5));
    assertTrue(e.getMessage().startsWith("data.train.tfrecord: " + file + ": record 13 (counting from 0)"), e.getMessage());
  }

  @Test
  void streamedLabelsAreCheckedAsTheyAreRead() throws Exception {
    Path file = DataFiles.numberedTriples(tmp.resolve("one.tfrecord"), 0, 40, false);
    TfrecordStream stream = TfrecordStream.open("data.train", split(List.of(file.toString()), 1, 0, 4, 1.0), DataFiles.input(3), 3, Shards.ALL);
    stream.checkLabels((labels, offset, origin) -> {
      if (labels[offset] > 3) {
        throw new DataException("data.train.tfrecord", origin.get() + ": label " + labels[offset] + " is out of range");
      }
    });
    DataException e = assertThrows(DataException.class, () -> batches(stream, 0, 3));
    assertEquals("data.train.tfrecord: " + file + ": record 4 (counting from 0): feature 'label': label 4.0 is out of range", e.getMessage());
  }

  @Test
  void tooFewRecordsForOneBatchIsAnErrorAtBatchSize() throws Exception {
    Path file = DataFiles.numberedTriples(tmp.resolve("small.tfrecord"), 0, 5, false);
    DataException e = assertThrows(DataException.class, () -> TfrecordStream.open("data.train",
        split(List.of(file.toString()), 1, 0, 8, 1.0), DataFiles.input(3), 3, Shards.ALL));
    assertEquals("data.train.batch_size", e.where());
  }

  /** Two tasks read disjoint files that together are the whole set; neither reads the other's. */
  @Test
  void tasksReadTheirOwnFiles() throws Exception {
    List<String> paths = shardedSet();
    // a global batch of 2: one example per task and step
    DataSplitSpec split = split(paths, 2, 0, 2, 1.0);
    Set<Float> all = new HashSet<>();
    long total = 0;
    for (int task = 0; task < 2; task++) {
      TfrecordStream stream = TfrecordStream.open("data.train", split, DataFiles.input(3), 7, new Shards(task, 2));
      for (Path f : stream.files()) {
        int index = paths.indexOf(f.toString());
        assertEquals(task, index % 2, f + " goes to task " + index % 2);
      }
      List<Float> ids = ids(batches(stream, 0, stream.stepsPerEpoch()), 0, (int) stream.stepsPerEpoch());
      assertTrue(ids.stream().allMatch(all::add), "no record read by both tasks");
      total += stream.size();
    }
    assertEquals(97, total);
    assertEquals(97, all.size());
  }

  // five files, records numbered 0..96 by their first feature: 30 + 0 + 25 (gzip) + 1 + 41
  private List<String> shardedSet() throws IOException {
    return List.of(
        DataFiles.numberedTriples(tmp.resolve("part-0.tfrecord"), 0, 30, false).toString(),
        DataFiles.numberedTriples(tmp.resolve("part-1.tfrecord"), 30, 0, false).toString(),
        DataFiles.numberedTriples(tmp.resolve("part-2.tfrecord.gz"), 30, 25, true).toString(),
        DataFiles.numberedTriples(tmp.resolve("part-3.tfrecord"), 55, 1, false).toString(),
        DataFiles.numberedTriples(tmp.resolve("part-4.tfrecord"), 56, 41, false).toString());
  }
  private static DataSplitSpec split(List<String> paths, int readers, int shuffle, int batch, double scale) {
    Map<String, FeatureSpec> features = new LinkedHashMap<>();
    features.put("x", new FeatureSpec(List.of(3), DType.FLOAT32));
    features.put("label", new FeatureSpec(List.of(), DType.INT64));
    return new DataSplitSpec(new TfrecordSpec(paths, features, "label", null, readers), scale, shuffle, batch, false);
  }

  /** Features then labels of each of {@code steps} batches from {@code from}. */
  static List<float[]> batches(TrainingData data, long from, long steps) throws Exception {
    List<float[]> out = new ArrayList<>();
    try (BatchCursor cursor = data.cursorAt(from)) {
      for (long s = 0; s < steps; s++) {
        assertEquals(from + s, cursor.step());
        float[] features = new float[data.batchSize() * data.featureElements()];
        float[] labels = new float[data.batchSize() * data.labelElements()];
        cursor.next(features, labels, 0);
        out.add(features);
        out.add(labels);
      }
    }
    return out;
  }

  /** The record ids (first feature) of batches {@code [from, to)} in order. */
  private static List<Float> ids(List<float[]> batches, int from, int to) {
    List<Float> ids = new ArrayList<>();
    for (int b = from; b < to; b++) {
      float[] features = batches.get(2 * b);
      for (int i = 0; i < features.length; i += 3) {
        ids.add(features[i]);
      }
    }
    assertFalse(ids.isEmpty());
    return ids;
  }
}
