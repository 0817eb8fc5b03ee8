package io.inscope.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/** Minimum, maximum and mean of a tensor, against values worked out by hand. */
class TensorStatsTest {
  @Test
  void floatsGiveMinMaxAndMean() {
    try (TFloat32 t = TFloat32.tensorOf(Shape.of(2, 2), d -> d.copyFrom(DataBuffers.of(new float[] {1f, -2f, 3.5f, 0.5f})))) {
      TensorStats s = TensorStats.of(t);
      assertEquals(new TensorStats(4, -2, 3.5, 0.75), s);
      assertEquals("min -2 max 3.50000 mean 0.750000", s.text(false));
    }
  }

  @Test
  void aScalarShowsItsValue() {
    try (TInt64 step = TInt64.scalarOf(600)) {
      assertEquals("= 600", TensorStats.of(step).text(true));
    }
  }

  @Test
  void aNanOrANonNumericTensorHasNoStatistics() {
    try (TFloat32 t = TFloat32.vectorOf(1f, Float.NaN); TString s = TString.scalarOf("x")) {
      assertTrue(Double.isNaN(TensorStats.of(t).mean()));
      assertEquals("-", TensorStats.of(s).text(true));
    }
  }
}
