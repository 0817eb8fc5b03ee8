package io.inscope.runner;

import io.inscope.configs.JobSpec;
import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.modules.data.DataException;
import io.inscope.modules.train.Follower;
import io.inscope.runner.internal.Injectors;
import io.inscope.runner.internal.JobSession;
import io.inscope.runner.internal.LostTask;
import io.inscope.runner.internal.TaskShare;
import java.io.PrintWriter;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * A task other than the chief of a between-graph job: builds the job's graph with its own replicas
 * and its own share of the training data, then trains each step the chief starts and takes the
 * chief's weights when told ({@link Follower}), until the chief ends the run. Nothing is written:
 * no run directory, no checkpoint, no metrics. A lost chief or peer ends it with exit 69, as on the
 * chief.
 */
final class FollowerRun {
  private final JobSpec spec;
  private final String label;
  private final PrintWriter err;

  FollowerRun(JobSpec spec, String label, PrintWriter err) {
    this.spec = spec;
    this.label = label;
    this.err = err;
  }

  int run() throws Exception {
    try (JobSession session = JobSession.build(spec, Injectors.forJob(spec.plugins()))) {
      err.println(label + ": " + TaskShare.describe(session));
      err.flush();
      long steps;
      try {
        steps = Follower.follow(spec, session.step, session.session(), session.trainData, session.coordination,
            session.preprocessing);
      } catch (TensorFlowException e) {
        throw LostTask.of(e, spec);
      } catch (DataException e) {
        throw new UserException(ExitCodes.USAGE, e.getMessage());
      }
      err.println(label + ": the chief ended the run; this task trained " + steps + " step(s) on its share; weights "
          + Checkpoints.weightsChecksum(session.session(), session.checkpointOps));
      err.flush();
      return ExitCodes.OK;
    }
  }
}
