package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleShapeTest {
  @Test
  void imagesAreChannelsLastAndOtherShapesTakeTheLastAxisAsChannels() {
    ExampleShape rgb = new ExampleShape(List.of(4, 3, 2));
    assertTrue(rgb.image());
    assertEquals(List.of(4, 3, 2, 24), List.of(rgb.height(), rgb.width(), rgb.channels(), rgb.elements()));
    ExampleShape gray = new ExampleShape(List.of(5, 6));
    assertTrue(gray.image());
    assertEquals(List.of(5, 6, 1, 30), List.of(gray.height(), gray.width(), gray.channels(), gray.elements()));
    ExampleShape row = new ExampleShape(List.of(7));
    assertFalse(row.image());
    assertEquals(List.of(1, 1, 7, 7), List.of(row.height(), row.width(), row.channels(), row.elements()));
  }
}
