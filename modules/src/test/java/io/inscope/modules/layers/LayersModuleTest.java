package io.inscope.modules.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inscope.configs.BuiltInKinds;
import io.inscope.configs.Kind;
import io.inscope.configs.layers.LayerSpec;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LayersModuleTest {
  @Test
  void bindsEveryLayerKindOfTheSpec() {
    Set<String> kinds =
        Arrays.stream(LayerSpec.class.getAnnotation(BuiltInKinds.class).value())
            .map(c -> c.getAnnotation(Kind.class).value())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> bound = LayerHarness.factories().keySet().stream()
        .map(c -> c.getAnnotation(Kind.class).value())
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(kinds, bound);
  }
}
