package io.inscope.modules.data;

import com.google.inject.Binder;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import io.inscope.configs.Kind;
import io.inscope.configs.data.PreprocessingSpec;
import java.util.Map;

/**
 * The open registry of preprocessing kinds: a {@code MapBinder} from each spec record class to its
 * typed {@link PreprocessingFactory}. {@link PreprocessingModule} registers the built-in kinds; a
 * plugin's Guice module (named in the job's {@code plugins:}) registers its own, and its jar lists
 * the spec records for the loader with a {@link io.inscope.configs.KindProvider}.
 *
 * <pre>
 * public final class AcmePreprocessing extends AbstractModule {
 *   protected void configure() {
 *     PreprocessingKinds.of(binder()).add(ClipSpec.class, Clip::new);
 *   }
 * }
 * </pre>
 */
public final class PreprocessingKinds {
  /** The bound registry's key type, for {@code Map<Class<? extends PreprocessingSpec>, PreprocessingFactory<?>>}. */
  public static final TypeLiteral<Class<? extends PreprocessingSpec>> KEY = new TypeLiteral<>() {};
  public static final TypeLiteral<PreprocessingFactory<?>> VALUE = new TypeLiteral<>() {};

  private final MapBinder<Class<? extends PreprocessingSpec>, PreprocessingFactory<?>> map;

  private PreprocessingKinds(MapBinder<Class<? extends PreprocessingSpec>, PreprocessingFactory<?>> map) {
    this.map = map;
  }

  public static PreprocessingKinds of(Binder binder) {
    return new PreprocessingKinds(MapBinder.newMapBinder(binder, KEY, VALUE));
  }

  /** Registers the factory of one kind. */
  public <S extends PreprocessingSpec> PreprocessingKinds add(Class<S> spec, PreprocessingFactory<S> factory) {
    map.addBinding(spec).toInstance(factory);
    return this;
  }

  /**
   * The step of {@code spec}, from its kind's factory.
   *
   * @throws IllegalArgumentException when no module binds the kind (a plugin's kind whose module is
   *     not in {@code plugins:})
   */
  @SuppressWarnings("unchecked")
  static <S extends PreprocessingSpec> PreprocessingStep create(
      Map<Class<? extends PreprocessingSpec>, PreprocessingFactory<?>> kinds, S spec, ExampleShape shape) {
    PreprocessingFactory<S> f = (PreprocessingFactory<S>) kinds.get(spec.getClass());
    if (f == null) {
      throw new IllegalArgumentException(unbound(spec.getClass()));
    }
    return f.create(spec, shape);
  }

  static String unbound(Class<?> spec) {
    return "no factory is bound for the preprocessing kind '" + spec.getAnnotation(Kind.class).value() + "' ("
        + spec.getName() + "); add the Guice module that binds it to the job's plugins:";
  }
}
