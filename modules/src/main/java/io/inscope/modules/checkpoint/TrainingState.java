package io.inscope.modules.checkpoint;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a run stands, saved beside the variables so a resumed run continues exactly: the number of
 * steps done fixes the epoch and the position in it, and the shuffle order of an epoch depends only
 * on the seed and the epoch.
 *
 * @param step training steps done (global batches)
 * @param epoch the epoch the next step belongs to
 * @param seed the job seed the run used
 * @param specHash the hash of the resolved job the run used
 * @param watches the evaluation-driven rules' state by name ({@code early_stopping}, {@code
 *     reduce_on_plateau}, {@code best}); empty in checkpoints written before they existed
 * @param stopped why training ended before its last step ({@code early stopping ...}), or null
 * @param evaluationPending whether the evaluation scheduled at {@code step} did not run: a bad
 *     record of a streamed eval split ended the run while reading it, after this checkpoint of the
 *     training done was written; a resumed run evaluates first, as the uninterrupted run did at
 *     that step (false in checkpoints written before it existed)
 */
public record TrainingState(long step, long epoch, long seed, String specHash, Map<String, Watch> watches, String stopped,
    boolean evaluationPending) {

  public TrainingState {
    watches = Collections.unmodifiableMap(new TreeMap<>(watches == null ? Map.of() : watches));
  }

  public TrainingState(long step, long epoch, long seed, String specHash) {
    this(step, epoch, seed, specHash, Map.of(), null, false);
  }

  public TrainingState(long step, long epoch, long seed, String specHash, Map<String, Watch> watches, String stopped) {
    this(step, epoch, seed, specHash, watches, stopped, false);
  }

  /** A rule's state, or {@link Watch#START}. */
  public Watch watch(String name) {
    return watches.getOrDefault(name, Watch.START);
  }
}
