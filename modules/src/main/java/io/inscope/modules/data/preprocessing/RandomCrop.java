package io.inscope.modules.data.preprocessing;

import io.inscope.configs.data.RandomCropSpec;
import io.inscope.modules.data.ExampleShape;
import io.inscope.modules.data.PreprocessingStep;
import io.inscope.modules.data.internal.ImageOps;
import java.util.random.RandomGenerator;

/**
 * {@code random_crop}: pads {@code padding} zeros on every side and crops the example's size at an
 * offset drawn per axis, uniform in {@code [0, 2 × padding]} (rows first, then columns).
 */
public final class RandomCrop implements PreprocessingStep {
  private final int padding;
  private final int h;
  private final int w;
  private final int c;
  private final float[] scratch;

  public RandomCrop(RandomCropSpec spec, ExampleShape shape) {
    this.padding = spec.padding();
    this.h = shape.height();
    this.w = shape.width();
    this.c = shape.channels();
    this.scratch = new float[shape.elements()];
  }

  @Override
  public void apply(float[] x, int at, RandomGenerator random) {
    int offsets = 2 * padding + 1;
    int dy = random.nextInt(offsets);
    int dx = random.nextInt(offsets);
    ImageOps.padCrop(x, at, h, w, c, padding, dy, dx, scratch);
  }
}
