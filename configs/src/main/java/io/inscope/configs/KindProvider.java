package io.inscope.configs;

import java.util.List;

/**
 * Adds kinds from a plugin jar: the loader, {@code check}, {@code schema} and {@code render} know
 * every kind a provider on the classpath lists, validated like the built-in ones. A provider is
 * found with {@link java.util.ServiceLoader}: the jar names it in {@code
 * META-INF/services/io.inscope.configs.KindProvider}. Its kinds are {@code @Kind} records that
 * implement an open kind family ({@code LayerSpec}, {@code PreprocessingSpec}); the jar's Guice
 * module, named in the job's {@code plugins:}, binds their factories for {@code plan} and {@code
 * run} ({@code LayerKinds}, {@code PreprocessingKinds}).
 *
 * <pre>
 * public final class AcmeKinds implements KindProvider {
 *   public List&lt;Class&lt;? extends Record&gt;&gt; kinds() {
 *     return List.of(DoubleItSpec.class);
 *   }
 * }
 * </pre>
 */
public interface KindProvider {
  List<Class<? extends Record>> kinds();
}
