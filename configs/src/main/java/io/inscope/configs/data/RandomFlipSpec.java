package io.inscope.configs.data;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/**
 * Flips each training example with probability 1/2, as Keras' {@code RandomFlip(mode)}: a draw
 * {@code u} uniform in [0, 1) flips when {@code u <= 0.5}; {@code horizontal_and_vertical} makes
 * both flips on the same draw.
 *
 * <pre>
 * - random_flip: horizontal
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>mode</td><td>horizontal_and_vertical</td><td>horizontal, vertical or horizontal_and_vertical</td></tr>
 * </table>
 */
@Doc("Flips each training example with probability 1/2 (Keras' RandomFlip)")
@Kind("random_flip")
public record RandomFlipSpec(
    @Doc("horizontal (left-right), vertical (top-bottom) or horizontal_and_vertical (both on one draw)")
        @Default("horizontal_and_vertical")
        FlipMode mode) implements PreprocessingSpec {
  @Override
  public boolean random() {
    return true;
  }

  @Override
  public boolean needsImages() {
    return true;
  }
}
