package io.inscope.modules.data.preprocessing;

import io.inscope.configs.data.FlipMode;
import io.inscope.configs.data.RandomFlipSpec;
import io.inscope.modules.data.ExampleShape;
import io.inscope.modules.data.PreprocessingStep;
import io.inscope.modules.data.internal.ImageOps;
import java.util.random.RandomGenerator;

/**
 * {@code random_flip}: Keras' {@code RandomFlip}, one uniform draw per image, flipped when {@code
 * <= 0.5}, both axes on the same draw.
 */
public final class RandomFlip implements PreprocessingStep {
  private final FlipMode mode;
  private final int h;
  private final int w;
  private final int c;
  private final float[] line;

  public RandomFlip(RandomFlipSpec spec, ExampleShape shape) {
    this.mode = spec.mode();
    this.h = shape.height();
    this.w = shape.width();
    this.c = shape.channels();
    this.line = new float[w * c];
  }

  @Override
  public void apply(float[] x, int at, RandomGenerator random) {
    if (random.nextDouble() <= 0.5) {
      if (mode.horizontal()) {
        ImageOps.flipHorizontal(x, at, h, w, c);
      }
      if (mode.vertical()) {
        ImageOps.flipVertical(x, at, h, w, c, line);
      }
    }
  }
}
