package io.inscope.modules.layers;

import io.inscope.modules.initializers.Initializers;
import io.inscope.modules.strategy.InitialValue;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.StrategyScope;
import io.inscope.configs.initializers.InitializerSpec;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** What a layer needs to create its weights: the open scope and the initializer kinds. */
public final class LayerServices {
  private final Initializers initializers;

  public LayerServices(Initializers initializers) {
    this.initializers = initializers;
  }

  /**
   * Creates the float32 weight {@code layer.name} through the active strategy scope.
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
    return StrategyScope.active(full)
        .createVariable(full, shape, TFloat32.class, MirroredVariable.Kind.WEIGHT, trainable, init);
  }

  /** The initial value an initializer kind draws, for layers that compose one (an LSTM's forget bias). */
  public InitialValue<TFloat32> initialValue(InitializerSpec init) {
    return initializers.initialValue(init, TFloat32.class);
  }
}
