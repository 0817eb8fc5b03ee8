package io.inscope.modules.checkpoint;

/**
 * Where a run stands, saved beside the variables so a resumed run continues exactly: the number of
 * steps done fixes the epoch and the position in it, and the shuffle order of an epoch depends only
 * on the seed and the epoch.
 *
 * @param step training steps done (global batches)
 * @param epoch the epoch the next step belongs to
 * @param seed the job seed the run used
 * @param specHash the hash of the resolved job the run used
 */
public record TrainingState(long step, long epoch, long seed, String specHash) {}
