package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Guice;
import io.inscope.configs.BuiltInKinds;
import io.inscope.configs.data.PreprocessingSpec;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreprocessingModuleTest {
  @Test
  void bindsEveryBuiltInKindOfTheSpec() {
    Set<Class<?>> kinds = Set.of(PreprocessingSpec.class.getAnnotation(BuiltInKinds.class).value());
    assertEquals(kinds, Set.copyOf(Guice.createInjector(new DataModule()).getInstance(PreprocessingCompiler.class).kinds()));
  }
}
