package io.inscope.modules.train;

import io.inscope.configs.EarlyStoppingSpec;
import io.inscope.configs.schedules.ReduceOnPlateauSpec;
import io.inscope.modules.checkpoint.Watch;

/**
 * The counting rules of Keras' callbacks, one evaluation at a time, on a saved {@link Watch}. No
 * best value yet counts as infinitely bad, as Keras' {@code ±inf} start.
 */
final class Watches {
  private Watches() {}

  /** {@code current} beats {@code best} by more than {@code minDelta} in the watched direction. */
  static boolean improves(double current, Double best, double minDelta, boolean maximize) {
    if (best == null) {
      return true;
    }
    return maximize ? current - minDelta > best : current + minDelta < best;
  }

  /** Keras' EarlyStopping: count, reset on an improvement; {@link #stops} once the count reaches patience. */
  static Watch earlyStopping(EarlyStoppingSpec spec, Watch w, double current, long step) {
    if (improves(current, w.best(), spec.minDelta(), spec.maximizes())) {
      return new Watch(current, step, 0, 0);
    }
    return new Watch(w.best(), w.bestStep(), w.waited() + 1, 0);
  }

  static boolean stops(EarlyStoppingSpec spec, Watch w) {
    return w.waited() >= spec.patience() && w.bestStep() >= 0 && w.waited() > 0;
  }

  /** Keras' ModelCheckpoint with save_best_only: strictly better. */
  static Watch best(boolean maximize, Watch w, double current, long step) {
    return improves(current, w.best(), 0, maximize) ? new Watch(current, step, 0, 0) : w;
  }

  /** The outcome of one evaluation for reduce_on_plateau: the new state and the new rate, or NaN for no change. */
  record PlateauStep(Watch watch, double newRate) {}

  /** Keras' ReduceLROnPlateau.on_epoch_end. */
  static PlateauStep plateau(ReduceOnPlateauSpec spec, Watch w, double current, long step, float rate) {
    int cooldown = w.cooldown();
    int wait = w.waited();
    Double best = w.best();
    long bestStep = w.bestStep();
    double newRate = Double.NaN;
    if (cooldown > 0) {
      cooldown--;
      wait = 0;
    }
    if (improves(current, best, spec.minDelta(), spec.maximizes())) {
      best = current;
      bestStep = step;
      wait = 0;
    } else if (cooldown <= 0) {
      wait++;
      if (wait >= spec.patience() && rate > (float) spec.minLr()) {
        newRate = Math.max(rate * spec.factor(), spec.minLr());
        cooldown = spec.cooldown();
        wait = 0;
      }
    }
    return new PlateauStep(new Watch(best, bestStep, wait, cooldown), newRate);
  }
}
