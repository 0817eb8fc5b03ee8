package io.inscope.configs.layers;

import io.inscope.configs.Activation;
import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;
import io.inscope.configs.initializers.InitializerSpec;

/**
 * Long short-term memory over examples {@code [steps, features]}, as Keras' {@code LSTM}: the last
 * output {@code [units]}, or every step's {@code [steps, units]} with {@code return_sequences}.
 * Weights as Keras: {@code kernel [features, 4·units]}, {@code recurrent_kernel [units, 4·units]},
 * {@code bias [4·units]}, gates in the order input, forget, cell, output. States start at zero.
 *
 * <pre>
 * - lstm: {units: 32}
 * - lstm: {units: 32, return_sequences: true}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>units</td><td>(required)</td><td>width of the state and output</td></tr>
 *   <tr><td>activation</td><td>tanh</td><td>of the cell candidate and the output</td></tr>
 *   <tr><td>recurrent_activation</td><td>sigmoid</td><td>of the gates</td></tr>
 *   <tr><td>use_bias</td><td>true</td><td>add a bias</td></tr>
 *   <tr><td>return_sequences</td><td>false</td><td>output every step, not only the last</td></tr>
 *   <tr><td>go_backwards</td><td>false</td><td>read the steps last to first (outputs in that order)</td></tr>
 *   <tr><td>unit_forget_bias</td><td>true</td><td>start the forget gate's bias at 1</td></tr>
 *   <tr><td>kernel_initializer</td><td>glorot_uniform</td><td></td></tr>
 *   <tr><td>recurrent_initializer</td><td>orthogonal</td><td></td></tr>
 *   <tr><td>bias_initializer</td><td>zeros</td><td></td></tr>
 *   <tr><td>dropout</td><td>0</td><td>fraction of the inputs dropped in training (masks drawn once per
 *   batch, used at every step; one per gate when recurrent_dropout is set, as Keras 3)</td></tr>
 *   <tr><td>recurrent_dropout</td><td>0</td><td>fraction of the previous output dropped in training where
 *   the recurrent kernel reads it (one mask per gate, drawn once per batch)</td></tr>
 * </table>
 */
@Doc("Long short-term memory over examples [steps, features] (Keras' LSTM)")
@Kind("lstm")
public record LSTMSpec(
    @Doc("width of the state and output") @Range(min = 1) int units,
    @Doc("activation of the cell candidate and the output") @Default("tanh") Activation activation,
    @Doc("activation of the gates") @Default("sigmoid") Activation recurrentActivation,
    @Doc("whether the layer adds a bias") @Default("true") boolean useBias,
    @Doc("output every step [steps, units], not only the last [units]") @Default("false") boolean returnSequences,
    @Doc("read the steps last to first (outputs in that order)") @Default("false") boolean goBackwards,
    @Doc("start the forget gate's bias at 1") @Default("true") boolean unitForgetBias,
    @Doc("initializer of the input kernel, a kind") @Default("glorot_uniform") InitializerSpec kernelInitializer,
    @Doc("initializer of the recurrent kernel, a kind") @Default("orthogonal") InitializerSpec recurrentInitializer,
    @Doc("initializer of the bias, a kind") @Default("zeros") InitializerSpec biasInitializer,
    @Doc("fraction of the inputs dropped in training: one mask per sequence, the same at every step "
        + "(one per gate when recurrent_dropout is set, as Keras 3)")
        @Default("0.0")
        @Range(min = 0, max = 1, maxExclusive = true)
        double dropout,
    @Doc("fraction of the previous output dropped in training where the recurrent kernel reads it: "
        + "one mask per gate and sequence, the same at every step, as Keras 3")
        @Default("0.0")
        @Range(min = 0, max = 1, maxExclusive = true)
        double recurrentDropout) implements LayerSpec, RecurrentSpec {
  @Override
  public LSTMSpec reversed() {
    return new LSTMSpec(units, activation, recurrentActivation, useBias, returnSequences, !goBackwards, unitForgetBias, kernelInitializer, recurrentInitializer, biasInitializer, dropout, recurrentDropout);
  }
}
