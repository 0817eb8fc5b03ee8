package io.inscope.modules.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void distanceIsLevenshtein() {
    assertEquals(3, Suggestions.distance("kitten", "sitting"));
    assertEquals(0, Suggestions.distance("", ""));
    assertEquals(4, Suggestions.distance("", "abcd"));
  }

  @Test
  void suggestsOnlyCloseNames() {
    List<String> columns = List.of("sepal_length", "petal_width", "species");
    assertEquals(Optional.of("petal_width"), Suggestions.nearest("petal_widht", columns));
    assertEquals(Optional.of("species"), Suggestions.nearest("Species", columns));
    assertEquals(Optional.empty(), Suggestions.nearest("colour", columns));
  }
}
