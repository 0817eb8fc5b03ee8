package io.inscope.configs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an open kind family (an interface that plugin records may implement, unlike a sealed one)
 * and lists its built-in {@code @Kind} records; {@link KindProvider}s add the others.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BuiltInKinds {
  Class<? extends Record>[] value();
}
