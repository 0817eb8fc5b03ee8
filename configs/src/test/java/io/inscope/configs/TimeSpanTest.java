package io.inscope.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeSpanTest {
  @Test
  void partsAddUp() {
    assertEquals(Duration.ofMinutes(90), TimeSpan.parse("1h30m").duration());
    assertEquals(Duration.ofMillis(1500), TimeSpan.parse("1s500ms").duration());
    assertEquals(Duration.ofDays(2), TimeSpan.parse("2d").duration());
    assertEquals(Duration.ofSeconds(7), TimeSpan.parse("0007s").duration());
  }

  @Test
  void theLongestIs365Days() {
    assertEquals(TimeSpan.MAX, TimeSpan.parse("365d").duration());
    assertEquals(TimeSpan.MAX, TimeSpan.parse("8759h60m").duration());
    for (String tooLong : new String[] {"365d1ms", "366d", "106751991167301d", "2562047788015216h", "99999999999999999999999s", "200d200d"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeSpan.parse(tooLong), tooLong);
      assertEquals("must be at most 365d", e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new TimeSpan(Duration.ofDays(366)));
  }

  @Test
  void zeroAndGarbageAreErrors() {
    assertEquals("must be > 0", assertThrows(IllegalArgumentException.class, () -> TimeSpan.parse("0s")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> TimeSpan.parse("1h 30m"));
    assertThrows(IllegalArgumentException.class, () -> TimeSpan.parse("ms"));
  }
}
