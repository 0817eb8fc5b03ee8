package io.inscope.modules.data.preprocessing;

import io.inscope.configs.data.RandomContrastSpec;
import io.inscope.modules.data.ExampleShape;
import io.inscope.modules.data.PreprocessingStep;
import io.inscope.modules.data.internal.ImageOps;
import java.util.random.RandomGenerator;

/**
 * {@code random_contrast}: Keras' {@code RandomContrast}, a factor uniform in {@code [1 - factor, 1
 * + factor)} per example scales each value's distance from its channel's mean, then clips.
 */
public final class RandomContrast implements PreprocessingStep {
  private final double factor;
  private final float low;
  private final float high;
  private final int h;
  private final int w;
  private final int c;
  private final float[] means;

  public RandomContrast(RandomContrastSpec spec, ExampleShape shape) {
    this.factor = spec.factor();
    this.low = spec.valueRange().get(0).floatValue();
    this.high = spec.valueRange().get(1).floatValue();
    this.h = shape.height();
    this.w = shape.width();
    this.c = shape.channels();
    this.means = new float[c];
  }

  @Override
  public void apply(float[] x, int at, RandomGenerator random) {
    float f = (float) (1 - factor + random.nextDouble() * 2 * factor);
    ImageOps.contrast(x, at, h, w, c, f, low, high, means);
  }
}
