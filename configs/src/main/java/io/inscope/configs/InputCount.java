package io.inscope.configs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How many inputs a layer kind takes; a layer kind without it takes exactly one. Merge layers
 * ({@code add}, {@code concatenate}, ...) take two or more, {@code subtract} exactly two.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface InputCount {
  int min();

  int max() default Integer.MAX_VALUE;
}
