package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import java.util.List;

/**
 * The shape of one example as a preprocessing step sees it: {@code model.input.shape}, channels
 * last. An image is {@code [h, w, c]}, or {@code [h, w]} as one channel; for other shapes {@link
 * #height()} and {@link #width()} are the first two axes (1 when there are fewer) and {@link
 * #channels()} the last axis.
 *
 * @param dims {@code model.input.shape}
 */
public record ExampleShape(List<Integer> dims) {
  public ExampleShape {
    dims = List.copyOf(dims);
  }

  public static ExampleShape of(InputSpec input) {
    return new ExampleShape(input.shape());
  }

  /** Whether the example is an image: {@code [h, w]} or {@code [h, w, c]}. */
  public boolean image() {
    return dims.size() == 2 || dims.size() == 3;
  }

  public int height() {
    return dims.size() >= 2 ? dims.get(0) : 1;
  }

  public int width() {
    return dims.size() >= 2 ? dims.get(1) : 1;
  }

  public int channels() {
    return dims.size() == 2 ? 1 : dims.get(dims.size() - 1);
  }

  /** Values per example: the product of {@link #dims()}. */
  public int elements() {
    int n = 1;
    for (int d : dims) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }
}
