package io.inscope.runner.internal;

import io.inscope.modules.data.Shards;
import io.inscope.modules.data.TfrecordStream;
import java.nio.file.Path;
import java.util.List;

/** What share of the training data a task of a between-graph job reads, said once at the start. */
public final class TaskShare {
  private TaskShare() {}

  /**
   * E.g. {@code task 1 of 2 reads 128 of 256 training examples (those whose index mod 2 is 1), 64
   * per step} or, streamed, {@code task 1 of 2 reads 2 of 5 files (file i mod 2 = 1): a, b; 64
   * examples per step}.
   */
  public static String describe(JobSession session) {
    Shards shards = session.strategy.inputShards();
    String who = "task " + shards.index() + " of " + shards.count();
    int batch = session.trainData.batchSize();
    if (session.trainData instanceof TfrecordStream stream) {
      List<Path> files = stream.files();
      return who + " reads " + files.size() + " file(s) (file i of the sorted list where i mod " + shards.count()
          + " = " + shards.index() + "), " + session.trainData.size() + " training examples: " + files + "; "
          + batch + " examples per step";
    }
    long all = session.train != null ? session.train.size() : session.trainImages.size();
    return who + " reads " + session.trainData.size() + " of " + all
        + " training examples (those whose index mod " + shards.count() + " is " + shards.index() + "), "
        + batch + " per step";
  }
}
