package io.inscope.modules.layers;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import io.inscope.configs.Kind;
import io.inscope.configs.layers.LayerSpec;
import java.util.Map;

/**
 * The open registry of layer kinds: a {@code MapBinder} from each spec record class to its typed
 * {@link LayerFactory}. {@code LayersModule} registers the built-in kinds; a plugin's Guice module
 * (named in the job's {@code plugins:}) registers its own, and its jar lists the spec records for
 * the loader with a {@link io.inscope.configs.KindProvider}.
 *
 * <pre>
 * public final class AcmeLayers extends AbstractModule {
 *   protected void configure() {
 *     LayerKinds.of(binder()).add(DoubleItSpec.class, DoubleIt::new);
 *   }
 * }
 * </pre>
 */
public final class LayerKinds {
  /** The bound registry's key type, for {@code Map<Class<? extends LayerSpec>, LayerFactory<?>>}. */
  public static final TypeLiteral<Class<? extends LayerSpec>> KEY = new TypeLiteral<>() {};
  public static final TypeLiteral<LayerFactory<?>> VALUE = new TypeLiteral<>() {};

  private final MapBinder<Class<? extends LayerSpec>, LayerFactory<?>> map;

  private LayerKinds(MapBinder<Class<? extends LayerSpec>, LayerFactory<?>> map) {
    this.map = map;
  }

  public static LayerKinds of(Binder binder) {
    return new LayerKinds(MapBinder.newMapBinder(binder, KEY, VALUE));
  }

  /** Registers the factory of one kind. */
  public <S extends LayerSpec> LayerKinds add(Class<S> spec, LayerFactory<S> factory) {
    map.addBinding(spec).toInstance(factory);
    return this;
  }

  /**
   * The layer of {@code spec}, from its kind's factory.
   *
   * @throws IllegalArgumentException when no module binds the kind (a plugin's kind whose module is
   *     not in {@code plugins:})
   */
  @SuppressWarnings("unchecked")
  public static <S extends LayerSpec> Layer create(
      Map<Class<? extends LayerSpec>, LayerFactory<?>> kinds, S spec, String name, LayerServices services) {
    LayerFactory<S> f = (LayerFactory<S>) kinds.get(spec.getClass());
    if (f == null) {
      throw new IllegalArgumentException("no factory is bound for the layer kind '" + spec.getClass().getAnnotation(Kind.class).value()
          + "' (" + spec.getClass().getName() + "); add the Guice module that binds it to the job's plugins:");
    }
    return f.create(spec, name, services);
  }
}
