package io.inscope.modules.layers;

import io.inscope.configs.layers.EmbeddingSpec;
import io.inscope.modules.strategy.MirroredVariable;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Looks up integer ids in a trainable table {@code [input_dim, output_dim]}: an example of shape
 * {@code s} becomes {@code s + [output_dim]}. Ids arrive as floats (every input is float32) and
 * are truncated to integers; an id outside {@code [0, input_dim)} fails the step.
 *
 * <pre>
 * - embedding: {input_dim: 1000, output_dim: 16}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>input_dim</td><td>(required)</td><td>vocabulary size</td></tr>
 *   <tr><td>output_dim</td><td>(required)</td><td>embedding width</td></tr>
 *   <tr><td>embeddings_initializer</td><td>random_uniform</td><td>initializer of the table</td></tr>
 * </table>
 */
public final class Embedding extends NamedLayer {
  private final EmbeddingSpec spec;
  private final LayerServices services;
  private MirroredVariable<TFloat32> table;

  public Embedding(EmbeddingSpec spec, String name, LayerServices services) {
    super(name);
    this.spec = spec;
    this.services = services;
  }

  @Override
  public Shape build(Shape inputShape) {
    table =
        services.weight(
            name, "embeddings", Shape.of(spec.inputDim(), spec.outputDim()),
            spec.embeddingsInitializer(), true);
    return inputShape.append(spec.outputDim());
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    Operand<TInt32> ids = tf.dtypes.cast(input, TInt32.class);
    return tf.gather(ctx.replica().read(table), ids, tf.constant(0));
  }
}
