package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExitCodesTest {
  @Test
  void retryableCodesOutrankPermanentFailuresWhichOutrankSuccess() {
    assertEquals(75, ExitCodes.mostSevere(2, 75));
    assertEquals(69, ExitCodes.mostSevere(69, 1));
    assertEquals(1, ExitCodes.mostSevere(3, 1));
    assertEquals(3, ExitCodes.mostSevere(2, 3));
    assertEquals(2, ExitCodes.mostSevere(0, 2));
    assertEquals(0, ExitCodes.mostSevere(0, 0));
    assertEquals(143, ExitCodes.mostSevere(143, 3), "an unknown code counts as an internal error");
    assertEquals(74, ExitCodes.mostSevere(1, 74), "a full disk can be retried once space is freed");
    assertEquals(69, ExitCodes.mostSevere(74, 69));
    assertEquals(71, ExitCodes.mostSevere(71, 3));
    assertEquals(73, ExitCodes.mostSevere(73, 2));
    assertEquals(3, ExitCodes.mostSevere(73, 3));
  }
}
