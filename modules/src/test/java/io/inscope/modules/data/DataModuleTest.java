package io.inscope.modules.data;

import static io.inscope.modules.data.IdxSourceTest.features;
import static io.inscope.modules.data.IdxSourceTest.input;
import static io.inscope.modules.data.IdxSourceTest.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.inscope.configs.Kind;
import io.inscope.configs.data.CsvSpec;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.SourceSpec;
import io.inscope.configs.data.SyntheticSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataModuleTest {
  private final Injector injector = Guice.createInjector(new DataModule());

  @Test
  void bindsOneFactoryPerSourceKind() {
    Map<String, SourceFactory> sources = injector.getInstance(Key.get(new TypeLiteral<Map<String, SourceFactory>>() {}));
    Set<String> kinds = Arrays.stream(SourceSpec.class.getPermittedSubclasses())
        .map(type -> type.getAnnotation(Kind.class).value())
        .collect(Collectors.toSet());
    assertEquals(Set.of("csv", "idx", "image_csv", "image_folder", "synthetic", "text", "tfrecord"), kinds);
    assertEquals(kinds, sources.keySet());
    assertEquals(CsvSource.class, sources.get("csv").getClass());
    assertEquals(IdxSource.class, sources.get("idx").getClass());
    assertEquals(ImageFolderSource.class, sources.get("image_folder").getClass());
    assertEquals(ImageCsvSource.class, sources.get("image_csv").getClass());
    assertEquals(TextSource.class, sources.get("text").getClass());
    assertEquals(SyntheticSource.class, sources.get("synthetic").getClass());
    assertEquals(TfrecordSource.class, sources.get("tfrecord").getClass());
  }

  @Test
  void loaderScalesTheSourcesExamples() throws DataException {
    DataLoader loader = injector.getInstance(DataLoader.class);
    SyntheticSpec spec = new SyntheticSpec(50, 3);
    Examples scaled = loader.load("data.train", new DataSplitSpec(spec, 0.25, 0, 10), input(3), 42);
    Examples raw = new SyntheticSource().load(spec, input(3), 42);
    float[] expected = features(raw);
    for (int i = 0; i < expected.length; i++) {
      expected[i] = (float) (expected[i] * 0.25);
    }
    assertArrayEquals(expected, features(scaled));
    assertArrayEquals(labels(raw), labels(scaled));
  }

  @Test
  void loaderErrorsNameTheSplit(@TempDir Path dir) {
    DataLoader loader = injector.getInstance(DataLoader.class);
    Path missing = dir.resolve("iris.csv");
    DataException e = assertThrows(DataException.class,
        () -> loader.load("data.eval", new DataSplitSpec(new CsvSpec(missing.toString(), "species", null), 1.0, 0, 10), input(4), 42));
    assertEquals("data.eval.csv: " + missing + ": no such file; check the path (relative paths resolve against the job file's directory)", e.getMessage());
  }
}
