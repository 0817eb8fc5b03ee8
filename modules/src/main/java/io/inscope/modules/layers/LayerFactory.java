package io.inscope.modules.layers;

import io.inscope.configs.layers.LayerSpec;

/**
 * Builds the {@link Layer} of one spec record class; registered with {@link LayerKinds} under that
 * class, so the kind is named once (its {@code @Kind}) and the factory receives its own record
 * type, no cast. A plugin module registers its kinds the same way.
 *
 * <pre>
 * LayerKinds.of(binder()).add(DenseSpec.class, Dense::new);
 * </pre>
 *
 * @param <S> the spec record of the kind
 */
@FunctionalInterface
public interface LayerFactory<S extends LayerSpec> {
  Layer create(S spec, String name, LayerServices services);
}
