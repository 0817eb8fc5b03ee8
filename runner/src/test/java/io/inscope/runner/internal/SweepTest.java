package io.inscope.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepTest {
  @Test
  void crossProductInTheOrderGivenNamedByLastKey() {
    List<Sweep.Combination> c = Sweep.combinations(List.of("optimizer.adam.learning_rate=0.1,0.01", "model.layers[1].dense.units=64,128"));
    assertEquals(List.of("learning_rate=0.1,units=64", "learning_rate=0.1,units=128", "learning_rate=0.01,units=64",
        "learning_rate=0.01,units=128"), c.stream().map(Sweep.Combination::directoryName).toList());
    assertEquals(List.of("optimizer.adam.learning_rate=0.01", "model.layers[1].dense.units=128"), c.get(3).overrides());
  }

  @Test
  void noSweepIsOneCombinationWithoutOverrides() {
    assertEquals(List.of(new Sweep.Combination(List.of(), "")), Sweep.combinations(List.of()));
  }

  @Test
  void pathsSharingTheirLastKeyKeepTheWholePathAndOddCharactersBecomeUnderscores() {
    List<Sweep.Combination> c = Sweep.combinations(List.of("model.layers[0].dense.units=8", "model.layers[1].dense.units=4"));
    assertEquals("model.layers_0_.dense.units=8,model.layers_1_.dense.units=4", c.get(0).directoryName());
    assertEquals("optimizer={adam__{learning_rate__0.1}}".replaceAll("[{}]", "_"),
        Sweep.combinations(List.of("optimizer={adam: {learning_rate: 0.1}},sgd")).get(0).directoryName());
  }

  @Test
  void valuesSplitOnlyAtTopLevelCommas() {
    assertEquals(List.of("[4]", "[2, 2]", "{a: 1, b: 2}"), Sweep.splitValues("[4],[2, 2],{a: 1, b: 2}"));
  }

  @Test
  void malformedSweepsAreUsageErrors() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.combinations(List.of("seed")))
        .getMessage().contains("expected path=v1,v2"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.combinations(List.of("seed=1,,2")))
        .getMessage().contains("empty value"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Sweep.combinations(List.of("seed=1", "seed=2")))
        .getMessage().contains("swept twice"));
  }

  @Test
  void longNamesAreShortenedWithAHash() {
    String name = Sweep.combinations(List.of("name=" + "x".repeat(300))).get(0).directoryName();
    assertTrue(name.length() <= 200 && name.startsWith("name=xxx"), name);
  }
}
