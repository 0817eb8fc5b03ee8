package io.inscope.configs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Keys of a record of which a job sets one: {@code @Exclusive({"epochs", "steps"})} on {@link
 * TrainSpec}. The record's constructor enforces it; {@code --set train.steps=N} over a job with
 * {@code epochs} replaces {@code epochs} instead of failing with "set exactly one".
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Exclusive {
  /** The YAML keys, of which an override of one removes the others. */
  String[] value();
}
