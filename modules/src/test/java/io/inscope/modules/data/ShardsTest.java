package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardsTest {
  private static final List<Path> FILES = List.of(Path.of("a"), Path.of("b"), Path.of("c"), Path.of("d"), Path.of("e"));

  /** AutoShardPolicy.FILE: file i goes to task i mod n. */
  @Test
  void fileIGoesToTaskIModN() throws Exception {
    assertEquals(List.of(Path.of("a"), Path.of("c"), Path.of("e")), new Shards(0, 2).files(FILES, "tfrecord.paths"));
    assertEquals(List.of(Path.of("b"), Path.of("d")), new Shards(1, 2).files(FILES, "tfrecord.paths"));
    assertEquals(List.of(Path.of("c")), new Shards(2, 5).files(FILES, "tfrecord.paths"));
    assertEquals(FILES, Shards.ALL.files(FILES, "tfrecord.paths"));
  }

  @Test
  void fewerFilesThanTasksIsAnErrorNamingTheWayOut() {
    DataException e = assertThrows(DataException.class, () -> new Shards(0, 6).files(FILES, "data.train.tfrecord.paths"));
    assertEquals("data.train.tfrecord.paths: 5 files for 6 tasks: each task reads whole files (tf.data's AutoShardPolicy.FILE:"
        + " file i goes to task i mod 6), so some task would read nothing; write the data as at least 6 files (shards),"
        + " or run fewer tasks", e.getMessage());
  }

  /** In memory: task i keeps examples i, i + n, ... with their labels and origins. */
  @Test
  void examplesInMemoryAreShardedByIndex() {
    float[] x = {0, 0, 1, 10, 2, 20, 3, 30, 4, 40};
    float[] y = {0, 1, 2, 3, 4};
    Examples all = Examples.of(x, new long[] {2}, y, new long[0], List.of(), -1);
    assertSame(all, Shards.ALL.examples(all));
    Examples second = new Shards(1, 2).examples(all);
    assertEquals(2, second.size());
    float[] f = new float[4];
    float[] l = new float[2];
    second.slice(0, 2, f, l);
    assertArrayEquals(new float[] {1, 10, 3, 30}, f);
    assertArrayEquals(new float[] {1, 3}, l);
    assertEquals("example 3 (counting from 0)", second.origin(1));
    assertEquals(3, new Shards(0, 2).examples(all).size());
    assertEquals(0, new Shards(4, 5).examples(Examples.of(new float[8], new long[] {2}, new float[4], new long[0], List.of(), -1)).size());
  }
}
