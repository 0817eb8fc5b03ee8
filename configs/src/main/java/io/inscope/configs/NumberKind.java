package io.inscope.configs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a sealed kind family: a plain number written where one of its kinds is expected is the named
 * kind with that number as its one required key, e.g. {@code learning_rate: 0.001} is {@code
 * learning_rate: {constant: {value: 0.001}}}. The kind's record writes itself back as the number
 * when {@link ScalarForm#scalarForm()} says it can.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface NumberKind {
  /** The kind's YAML name. */
  String value();
}
