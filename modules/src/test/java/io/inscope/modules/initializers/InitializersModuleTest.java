package io.inscope.modules.initializers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.inscope.configs.Kind;
import io.inscope.configs.initializers.InitializerSpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class InitializersModuleTest {
  @Test
  void bindsEveryInitializerKindOfTheSpec() {
    Set<String> kinds =
        Arrays.stream(InitializerSpec.class.getPermittedSubclasses())
            .map(c -> c.getAnnotation(Kind.class).value())
            .collect(Collectors.toCollection(TreeSet::new));
    Map<String, InitializerFactory> bound =
        Guice.createInjector(new InitializersModule())
            .getInstance(Key.get(new TypeLiteral<Map<String, InitializerFactory>>() {}));
    assertEquals(13, kinds.size());
    assertEquals(kinds, new TreeSet<>(bound.keySet()));
  }
}
