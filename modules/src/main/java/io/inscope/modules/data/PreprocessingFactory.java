package io.inscope.modules.data;

import io.inscope.configs.data.PreprocessingSpec;

/**
 * Compiles one preprocessing kind's spec record into a {@link PreprocessingStep} for examples of a
 * given shape; registered with {@link PreprocessingKinds} under the record class, so the kind is
 * named once (its {@code @Kind}) and the factory receives its own record type, no cast. A plugin
 * module registers its kinds the same way.
 *
 * <pre>
 * PreprocessingKinds.of(binder()).add(RescaleSpec.class, Rescale::new);
 * </pre>
 *
 * @param <S> the spec record of the kind
 */
@FunctionalInterface
public interface PreprocessingFactory<S extends PreprocessingSpec> {
  PreprocessingStep create(S spec, ExampleShape shape);
}
