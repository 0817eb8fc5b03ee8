package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Range;
import io.inscope.configs.initializers.InitializerSpec;

/**
 * Self-attention over examples {@code [steps, features]}, as Keras' {@code MultiHeadAttention}
 * called with the input as query, key and value: per head, {@code softmax(q k^T / sqrt(key_dim))
 * v}, the heads projected back to {@code output_shape}. {@code use_causal_mask} (a call argument in
 * Keras) lets each step attend only to itself and earlier steps. Weights as Keras: {@code
 * query.kernel}, {@code key.kernel} {@code [features, num_heads, key_dim]}, {@code value.kernel}
 * {@code [features, num_heads, value_dim]}, their biases {@code [num_heads, key_dim or value_dim]},
 * {@code attention_output.kernel [num_heads, value_dim, output_shape]} and its bias.
 *
 * <pre>
 * - multi_head_attention: {num_heads: 4, key_dim: 16, dropout: 0.1, use_causal_mask: true}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>num_heads</td><td>(required)</td><td>attention heads</td></tr>
 *   <tr><td>key_dim</td><td>(required)</td><td>width of each head's queries and keys</td></tr>
 *   <tr><td>value_dim</td><td>key_dim</td><td>width of each head's values</td></tr>
 *   <tr><td>dropout</td><td>0</td><td>dropout of the attention weights, in training</td></tr>
 *   <tr><td>use_bias</td><td>true</td><td>biases in the four projections</td></tr>
 *   <tr><td>output_shape</td><td>the input's features</td><td>width of the output</td></tr>
 *   <tr><td>use_causal_mask</td><td>false</td><td>attend only to the same and earlier steps</td></tr>
 *   <tr><td>kernel_initializer</td><td>glorot_uniform</td><td></td></tr>
 *   <tr><td>bias_initializer</td><td>zeros</td><td></td></tr>
 * </table>
 */
@Doc("Self-attention over examples [steps, features] (Keras' MultiHeadAttention with query = key = value)")
@Kind("multi_head_attention")
public record MultiHeadAttentionSpec(
    @Doc("attention heads") @Range(min = 1) int numHeads,
    @Doc("width of each head's queries and keys") @Range(min = 1) int keyDim,
    @Doc("width of each head's values; default key_dim") @OptionalKey @Range(min = 1) Integer valueDim,
    @Doc("dropout rate of the attention weights in training") @Default("0.0") @Range(min = 0, max = 1, maxExclusive = true) double dropout,
    @Doc("whether the projections add biases") @Default("true") boolean useBias,
    @Doc("width of the output; default the input's features") @OptionalKey @Range(min = 1) Integer outputShape,
    @Doc("attend only to the same and earlier steps") @Default("false") boolean useCausalMask,
    @Doc("initializer of the kernels, a kind") @Default("glorot_uniform") InitializerSpec kernelInitializer,
    @Doc("initializer of the biases, a kind") @Default("zeros") InitializerSpec biasInitializer) implements LayerSpec {}
