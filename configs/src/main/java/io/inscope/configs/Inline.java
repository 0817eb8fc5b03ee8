package io.inscope.configs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A kind-family component whose kind key sits among its siblings rather than under its own key:
 * in {@code train: {csv: {path: iris.csv}, batch_size: 16}} exactly one of the family's kind names
 * ({@code idx}, {@code csv}, ...) must appear next to the other keys.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface Inline {}
