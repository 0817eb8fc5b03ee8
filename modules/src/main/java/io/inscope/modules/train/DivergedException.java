package io.inscope.modules.train;

/** The loss became NaN or infinite; the last good checkpoint is kept (exit code 3). */
public final class DivergedException extends Exception {
  private final long step;

  public DivergedException(long step, double loss) {
    super("training diverged at step " + step + ": loss is " + loss
        + "; the last good checkpoint is kept; lower the learning rate or check the data's scale");
    this.step = step;
  }

  public long step() {
    return step;
  }
}
