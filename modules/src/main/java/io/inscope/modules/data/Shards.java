package io.inscope.modules.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The share of a split that one task of a multi-worker job reads, so that no example passes
 * through another task: by file for streamed TFRecord files, as tf.data's {@code
 * AutoShardPolicy.FILE} (task {@code i} of {@code n} reads the files whose index in the sorted list
 * modulo {@code n} is {@code i}); by example for a split held in memory, or an image split listed
 * to stream ({@link ImageList}: each task decodes only its own images), task {@code i} keeping the
 * examples whose index modulo {@code n} is {@code i}, as {@code Dataset.shard(n, i)}.
 *
 * @param index this task, from 0
 * @param count the tasks that read input
 */
public record Shards(int index, int count) {
  /** One task reading everything. */
  public static final Shards ALL = new Shards(0, 1);

  public Shards {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("need 0 <= index < count (got task " + index + " of " + count + ")");
    }
  }

  /**
   * This task's files: those whose index modulo {@link #count()} is {@link #index()}.
   *
   * @param where the spec path of errors, e.g. {@code tfrecord.paths}
   * @throws DataException when there are fewer files than tasks: some task would read nothing
   */
  public List<Path> files(List<Path> files, String where) throws DataException {
    if (files.size() < count) {
      throw new DataException(where, files.size() + " file" + (files.size() == 1 ? "" : "s") + " for " + count
          + " tasks: each task reads whole files (tf.data's AutoShardPolicy.FILE: file i goes to task i mod " + count
          + "), so some task would read nothing; write the data as at least " + count
          + " files (shards), or run fewer tasks");
    }
    List<Path> mine = new ArrayList<>();
    for (int i = index; i < files.size(); i += count) {
      mine.add(files.get(i));
    }
    return List.copyOf(mine);
  }

  /** This task's examples of a split held in memory: every {@link #count()}-th from {@link #index()}. */
  public Examples examples(Examples all) {
    return count == 1 ? all : all.shard(index, count);
  }
}
