package io.inscope.modules.layers;

import io.inscope.configs.initializers.InitializerSpec;
import io.inscope.configs.layers.LayerNodeSpec;
import io.inscope.configs.regularizers.RegularizerSpec;
import io.inscope.modules.initializers.Initializers;
import io.inscope.modules.strategy.InitialValue;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.StrategyScope;
import java.util.List;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * What a layer needs to create its weights: the open scope, the initializer kinds, and the keys
 * every layer takes ({@code trainable}, {@code kernel_regularizer}, {@code bias_regularizer}),
 * applied here so that no layer kind has to know them.
 */
public final class LayerServices {
  private final Initializers initializers;
  private final LayerNodeSpec node;
  private final List<Penalty> penalties;

  /** A weight and the penalty its layer's regularizer puts on it. */
  public record Penalty(MirroredVariable<TFloat32> weight, RegularizerSpec regularizer) {}

  public LayerServices(Initializers initializers) {
    this(initializers, null, null);
  }

  private LayerServices(Initializers initializers, LayerNodeSpec node, List<Penalty> penalties) {
    this.initializers = initializers;
    this.node = node;
    this.penalties = penalties;
  }

  /** The services of one layer of a model: its common keys applied, its penalties added to {@code penalties}. */
  LayerServices forLayer(LayerNodeSpec layer, List<Penalty> sink) {
    return new LayerServices(initializers, layer, sink);
  }

  /**
   * Creates the float32 weight {@code layer.name} through the active strategy scope; frozen when
   * the layer is ({@code trainable: false}), and penalized when it is the layer's {@code kernel} or
   * {@code bias} and the layer has a regularizer for it.
   *
   * @throws io.inscope.modules.strategy.ScopeException when no scope is open
   */
  public MirroredVariable<TFloat32> weight(
      String layer, String name, Shape shape, InitializerSpec init, boolean trainable) {
    return weight(layer, name, shape, initialValue(init), trainable);
  }

  /** As {@link #weight(String, String, Shape, InitializerSpec, boolean)}, with an initial value built by the layer. */
  public MirroredVariable<TFloat32> weight(
      String layer, String name, Shape shape, InitialValue<TFloat32> init, boolean trainable) {
    String full = layer + "." + name;
    MirroredVariable<TFloat32> v = StrategyScope.active(full)
        .createVariable(full, shape, TFloat32.class, MirroredVariable.Kind.WEIGHT,
            trainable && (node == null || node.trainable()), init);
    RegularizerSpec r = node == null ? null
        : name.equals("kernel") ? node.kernelRegularizer() : name.equals("bias") ? node.biasRegularizer() : null;
    if (r != null && penalties != null) {
      penalties.add(new Penalty(v, r));
    }
    return v;
  }

  /** False when the layer is frozen ({@code trainable: false}). */
  public boolean layerTrainable() {
    return node == null || node.trainable();
  }

  /** The initial value an initializer kind draws, for layers that compose one (an LSTM's forget bias). */
  public InitialValue<TFloat32> initialValue(InitializerSpec init) {
    return initializers.initialValue(init, TFloat32.class);
  }
}
