package io.inscope.configs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record that wraps one kind (its one kind-family component) and whose other keys are written
 * among that kind's arguments, so every kind of the family accepts them without declaring them:
 * {@code {dense: {units: 10, name: head, inputs: [a, b]}}}. A kind written as a bare name or as
 * its one required argument ({@code flatten}, {@code {dropout: 0.2}}) takes the keys' defaults.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface CommonKeys {}
