package io.inscope.configs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.SpecException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataSplitSpecTest {
  /** tfrecord files and image sources stream (cache: false); a source read whole into memory is refused, naming those that stream. */
  @Test
  void cacheFalseTakesTfrecordAndImageSourcesOnly() {
    assertFalse(new DataSplitSpec(new ImageFolderSpec("/d", ColorMode.RGB, List.of(8, 8)), 1.0, null, 0, 4, false).cache());
    assertFalse(new DataSplitSpec(new ImageCsvSpec("/l.csv", "file", "label", ColorMode.GRAYSCALE, List.of(8, 8)), 1.0, null, 0, 4,
        false).cache());
    SpecException e = assertThrows(SpecException.class,
        () -> new DataSplitSpec(new IdxSpec("/i.gz", "/l.gz"), 1.0, null, 0, 4, false));
    assertEquals("cache", e.key());
    assertTrue(e.getMessage().contains("false streams tfrecord, image_folder and image_csv sources only"), e.getMessage());
  }
}
