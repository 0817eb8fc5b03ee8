package io.inscope.modules.train;

import io.inscope.configs.JobSpec;
import io.inscope.modules.data.Batch;
import io.inscope.modules.data.BatchPrefetcher;
import io.inscope.modules.data.DataException;
import io.inscope.modules.data.PreprocessingCompiler;
import io.inscope.modules.data.TrainingData;
import io.inscope.modules.strategy.Coordination;
import org.tensorflow.Session;

/**
 * The loop of a task other than the chief in a between-graph job: it does what the chief says
 * ({@link Coordination}), training each step the chief starts on its own share of the training
 * data, and taking the chief's weights when told, until the chief ends the run. It writes nothing:
 * checkpoints, metrics and the export are the chief's.
 */
public final class Follower {
  private Follower() {}

  /**
   * Follows the chief until it ends the run.
   *
   * @param train this task's share of the training split
   * @param preprocessing compiles the training split's steps with the job's kinds
   * @return the steps this task trained
   */
  public static long follow(JobSpec job, TrainGraph graph, Session session, TrainingData train, Coordination coordination,
      PreprocessingCompiler preprocessing)
      throws InterruptedException, DataException {
    BatchPrefetcher batches = null;
    long expected = -1;
    long trained = 0;
    try (Executions executions = new Executions(session, graph)) {
      while (true) {
        Coordination.Command command = coordination.receive(session);
        switch (command.kind()) {
          case WEIGHTS -> coordination.takeWeights(session);
          case END -> {
            return trained;
          }
          case TRAIN -> {
            if (batches == null || command.step() != expected) {
              // the first step, or the chief resumed elsewhere: read from the step it names
              if (batches != null) {
                batches.close();
              }
              batches = BatchPrefetcher.start(train, command.step(), command.total(), BatchPrefetcher.DEFAULT_SLOTS, 1,
                  s -> 1, preprocessing.training(job.data().train().steps(), job.model().featureRow(), job.seed()));
            }
            Batch batch = batches.next();
            executions.run(batch);
            expected = command.step() + 1;
            trained++;
          }
        }
      }
    } finally {
      if (batches != null) {
        batches.close();
      }
    }
  }
}
