package io.inscope.configs.regularizers;

import io.inscope.configs.Doc;

/**
 * A weight penalty added to the training loss, a kind, as Keras' {@code kernel_regularizer} and
 * {@code bias_regularizer}:
 *
 * <pre>
 * - dense: {units: 64, kernel_regularizer: {l2: 0.0001}, bias_regularizer: l1}
 * </pre>
 *
 * <table>
 *   <tr><th>kind</th><th>penalty</th><th>default</th></tr>
 *   <tr><td>l1</td><td>{@code l1 · sum(|w|)}</td><td>l1 0.01</td></tr>
 *   <tr><td>l2</td><td>{@code l2 · sum(w²)}</td><td>l2 0.01</td></tr>
 *   <tr><td>l1_l2</td><td>both</td><td>l1 0.01, l2 0.01</td></tr>
 * </table>
 */
@Doc("A weight penalty added to the training loss")
public sealed interface RegularizerSpec permits L1Spec, L2Spec, L1L2Spec {
  /** The factor of {@code sum(|w|)}. */
  double l1Factor();

  /** The factor of {@code sum(w²)}. */
  double l2Factor();
}
