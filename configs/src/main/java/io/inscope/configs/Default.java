package io.inscope.configs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a key takes when the job file leaves it out, written as YAML (so {@code "0.001"},
 * {@code "glorot_uniform"}, {@code "[2, 2]"}, {@code "{}"}). The loader binds it exactly as if the
 * user had written it, so a default is always a valid value and shows up in {@code render}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Default {
  String value();
}
