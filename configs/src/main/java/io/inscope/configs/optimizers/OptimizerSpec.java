package io.inscope.configs.optimizers;

import io.inscope.configs.Doc;
import io.inscope.configs.schedules.ScheduleSpec;
import java.util.List;

/**
 * The optimizer, a kind (Keras names and defaults); its slot variables are created in the strategy
 * scope. Every kind takes a learning rate (a number or a {@link ScheduleSpec schedule}) and Keras'
 * gradient clipping, applied to the gradients after they are averaged across replicas:
 *
 * <table>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>clipnorm</td><td>unset</td><td>each gradient scaled to L2 norm at most this</td></tr>
 * <tr><td>clipvalue</td><td>unset</td><td>each element clipped to [-clipvalue, clipvalue]</td></tr>
 * <tr><td>global_clipnorm</td><td>unset</td><td>all gradients scaled together to global norm at most this</td></tr>
 * <tr><td>ema</td><td>unset</td><td>{@code {decay}}: a moving average of the weights for evaluation and export</td></tr>
 * </table>
 *
 * <pre>
 * optimizer: adam
 * optimizer: {sgd: {learning_rate: 0.1, momentum: 0.9, nesterov: true, clipnorm: 1.0}}
 * optimizer: {adamw: {learning_rate: {cosine_decay: {initial: 1e-3, decay_steps: 10000}}, weight_decay: 0.004}}
 * </pre>
 */
@Doc("The optimizer (Keras names and defaults); its slot variables are created in the strategy scope")
public sealed interface OptimizerSpec
    permits AdadeltaSpec, AdagradSpec, AdamSpec, AdamaxSpec, AdamwSpec, FtrlSpec, LionSpec, NadamSpec, RmspropSpec, SgdSpec {
  /** The learning rate: a constant or a schedule; the applied value is logged as {@code learning_rate}. */
  ScheduleSpec learningRate();

  /** Keras' {@code clipnorm}, or null. */
  Double clipnorm();

  /** Keras' {@code clipvalue}, or null. */
  Double clipvalue();

  /** Keras' {@code global_clipnorm}, or null. */
  Double globalClipnorm();

  /** The moving average of the weights used for evaluation and export, or null. */
  EmaSpec ema();

  /** Decoupled weight decay ({@code w -= lr * weight_decay * w} before the update); 0 for none. */
  default double weightDecay() {
    return 0.0;
  }

  /** Regular expressions; a variable whose name contains a match is not decayed. */
  default List<String> excludeFromWeightDecay() {
    return List.of();
  }
}
