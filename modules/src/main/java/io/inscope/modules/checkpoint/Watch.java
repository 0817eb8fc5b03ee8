package io.inscope.modules.checkpoint;

/**
 * Where an evaluation-driven rule stands (early stopping, reduce_on_plateau, the best checkpoint),
 * saved in every checkpoint's {@code state.json} so a resumed run continues the count exactly.
 *
 * @param best the best value seen of the watched metric, or null before the first evaluation
 * @param bestStep the step of that value, or -1
 * @param waited evaluations since the last improvement (as the Keras callback counts them)
 * @param cooldown evaluations left before counting again (reduce_on_plateau)
 */
public record Watch(Double best, long bestStep, int waited, int cooldown) {
  public static final Watch START = new Watch(null, -1, 0, 0);
}
