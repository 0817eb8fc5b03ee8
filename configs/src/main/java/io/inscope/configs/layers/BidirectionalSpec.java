package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.SpecException;

/**
 * Runs a recurrent layer forwards and a copy of it backwards over the steps, as Keras'
 * {@code Bidirectional}, and merges their outputs (with {@code return_sequences}, the backward
 * outputs are put back in step order first). Weights as Keras: {@code
 * <name>.forward_lstm.kernel}, {@code <name>.backward_lstm.kernel}, ...
 *
 * <pre>
 * - bidirectional: {layer: {lstm: {units: 32, return_sequences: true}}}
 * - bidirectional: {layer: {gru: {units: 16}}, merge_mode: sum}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>layer</td><td>(required)</td><td>an lstm or gru layer</td></tr>
 *   <tr><td>merge_mode</td><td>concat</td><td>concat (last axis), sum, mul or ave</td></tr>
 * </table>
 */
@Doc("Runs an lstm or gru forwards and a copy backwards and merges their outputs (Keras' Bidirectional)")
@Kind("bidirectional")
public record BidirectionalSpec(
    @Doc("the recurrent layer, lstm or gru") LayerSpec layer,
    @Doc("how the two outputs merge: concat (last axis), sum, mul or ave") @Default("concat") MergeMode mergeMode)
    implements LayerSpec {

  /** How Keras' Bidirectional merges the forward and backward outputs. */
  public enum MergeMode {
    AVE,
    CONCAT,
    MUL,
    SUM
  }

  public BidirectionalSpec {
    if (!(layer instanceof RecurrentSpec)) {
      throw new SpecException("layer", "must be an lstm or gru layer (got " + layer.getClass().getAnnotation(Kind.class).value() + ")");
    }
  }
}
