package io.inscope.configs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {
  private static final List<String> OPTIMIZERS = List.of("adadelta", "adagrad", "adam", "adamax", "ftrl", "nadam", "rmsprop", "sgd");

  @Test
  void suggestsTheNearestWithinASmallDistance() {
    assertEquals("adam", Suggest.nearest("adamw", OPTIMIZERS));
    assertEquals("sgd", Suggest.nearest("sdg", OPTIMIZERS));
    assertEquals("rmsprop", Suggest.nearest("RMSProp", OPTIMIZERS));
    assertEquals("mirrored", Suggest.nearest("mirored", List.of("mirrored", "multi_worker_mirrored", "one_device", "tpu")));
    assertEquals("batch_size", Suggest.nearest("batchsize", List.of("scale", "shuffle", "batch_size")));
  }

  @Test
  void suggestsNothingWhenNothingIsClose() {
    assertNull(Suggest.nearest("lr", OPTIMIZERS));
    assertNull(Suggest.nearest("momentum", OPTIMIZERS));
    assertNull(Suggest.nearest("x", List.of("k")));
  }

  @Test
  void countsASwapAsOneEdit() {
    assertEquals(1, Suggest.distance("ab", "ba"));
    assertEquals(2, Suggest.distance("kitten", "sitten") + 1);
    assertEquals(3, Suggest.distance("kitten", "sitting"));
  }

  @Test
  void formatsTheHint() {
    assertEquals("; did you mean 'adam'?", Suggest.didYouMean("adamw", OPTIMIZERS));
    assertEquals("", Suggest.didYouMean("zzz", OPTIMIZERS));
  }
}
