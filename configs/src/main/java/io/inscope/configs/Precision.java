package io.inscope.configs;

/**
 * The job's numeric precision, Keras' dtype policies ({@code keras.mixed_precision}).
 *
 * <pre>
 * precision: mixed_bfloat16
 * </pre>
 *
 * <table>
 *   <tr><th>value</th><th>meaning</th></tr>
 *   <tr><td>float32</td><td>(default) everything in float32</td></tr>
 *   <tr><td>mixed_bfloat16</td><td>convolutions, matmuls and the element-wise ops around them compute in
 *       bfloat16; variables, optimizer state, softmax and the loss stay float32 (oneDNN runs bfloat16
 *       natively on CPUs with AVX-512 BF16 or AMX; TPUs want it)</td></tr>
 *   <tr><td>mixed_float16</td><td>matmuls and convolutions compute in float16 (GPUs; on CPUs TensorFlow's
 *       generic float16 kernels are slow), bias, activations, softmax and the loss in float32, with
 *       dynamic loss scaling: the loss is multiplied by a scale (initially
 *       2<sup>15</sup>) before the gradients and they are divided by it; a step whose gradients are not
 *       all finite is skipped and halves the scale; 2000 finite steps in a row double it (Keras'
 *       {@code LossScaleOptimizer}); the scale and its counter are checkpointed</td></tr>
 * </table>
 */
public enum Precision {
  FLOAT32,
  MIXED_BFLOAT16,
  MIXED_FLOAT16
}
