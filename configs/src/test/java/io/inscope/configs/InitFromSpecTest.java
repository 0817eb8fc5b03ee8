package io.inscope.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** init_from's selection by include/exclude globs and its name map. */
class InitFromSpecTest {
  @Test
  void includeAndExcludeGlobs() {
    InitFromSpec all = new InitFromSpec("runs/a", null, null, List.of(), List.of("head.*"), Map.of());
    assertTrue(all.selects("base.kernel"));
    assertTrue(all.selects("block/conv.kernel"));
    assertFalse(all.selects("head.bias"));
    InitFromSpec some = new InitFromSpec("runs/a", null, null, List.of("block/*", "dense_?.kernel"), List.of("*.bias"), Map.of());
    assertTrue(some.selects("block/conv.kernel"), "* crosses /");
    assertFalse(some.selects("block/conv.bias"));
    assertTrue(some.selects("dense_1.kernel"));
    assertFalse(some.selects("dense_12.kernel"), "? is one character");
    assertFalse(some.selects("head.kernel"));
  }

  @Test
  void mapNamesAndLongestPrefix() {
    InitFromSpec spec = new InitFromSpec(null, "runs/a/checkpoints/best", null, List.of(), List.of(),
        Map.of("encoder/", "backbone/", "encoder/last/", "backbone/top/", "old.kernel", "new.kernel", "base.", "trunk."));
    assertEquals("encoder/conv.kernel", spec.sourceName("backbone/conv.kernel"));
    assertEquals("encoder/last/conv.kernel", spec.sourceName("backbone/top/conv.kernel"), "the longest prefix wins");
    assertEquals("old.kernel", spec.sourceName("new.kernel"));
    assertEquals("base.bias", spec.sourceName("trunk.bias"));
    assertEquals("head.bias", spec.sourceName("head.bias"), "unmapped: its own name");
    assertEquals("checkpoint runs/a/checkpoints/best", spec.source());
  }
}
