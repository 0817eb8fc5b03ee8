package io.inscope.configs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The YAML name of a kind record (a permitted subtype of a sealed kind family such as {@code
 * LayerSpec}). In a job file the kind is a one-key map {@code {dense: {units: 10}}}, or a bare
 * string when it takes no arguments, or {@code {dropout: 0.2}} when it has exactly one required key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Kind {
  String value();
}
