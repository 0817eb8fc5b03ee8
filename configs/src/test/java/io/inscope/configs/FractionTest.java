package io.inscope.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FractionTest {
  @Test
  void readsNumbersAndFractionsAndKeepsTheText() {
    assertEquals(1 / 255.0, Fraction.parse("1/255").value());
    assertEquals(1 / 127.5, Fraction.parse("1./127.5").value());
    assertEquals(-0.5, Fraction.parse("-1 / 2").value());
    assertEquals(0.25, Fraction.parse("0.25").value());
    assertEquals(2e-3, Fraction.parse("2e-3").value());
    assertEquals("1/255", Fraction.parse(" 1/255 ").toString());
  }

  @Test
  void refusesWhatIsNotAFiniteNumber() {
    for (String bad : new String[] {"1/0", "a/2", "1/2/3", "0x10", "NaN", "Infinity", "1d", "", "/2"}) {
      assertThrows(IllegalArgumentException.class, () -> Fraction.parse(bad), bad);
    }
  }
}
