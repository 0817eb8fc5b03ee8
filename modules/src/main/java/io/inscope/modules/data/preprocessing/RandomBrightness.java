package io.inscope.modules.data.preprocessing;

import io.inscope.configs.data.RandomBrightnessSpec;
import io.inscope.modules.data.ExampleShape;
import io.inscope.modules.data.PreprocessingStep;
import io.inscope.modules.data.internal.ImageOps;
import java.util.random.RandomGenerator;

/**
 * {@code random_brightness}: Keras' {@code RandomBrightness}, {@code delta = u × factor × (high -
 * low)} with {@code u} uniform in {@code [-1, 1)} per example, then clipped to the value range.
 */
public final class RandomBrightness implements PreprocessingStep {
  private final double factor;
  private final double low;
  private final double high;
  private final int elements;

  public RandomBrightness(RandomBrightnessSpec spec, ExampleShape shape) {
    this.factor = spec.factor();
    this.low = spec.valueRange().get(0);
    this.high = spec.valueRange().get(1);
    this.elements = shape.elements();
  }

  @Override
  public void apply(float[] x, int at, RandomGenerator random) {
    float delta = (float) ((random.nextDouble() * 2 - 1) * factor * (high - low));
    ImageOps.brightness(x, at, elements, delta, (float) low, (float) high);
  }
}
