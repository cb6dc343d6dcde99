package dev.multicast.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {
  private static final int SENDER = 42;
  private static final long EPOCH = 1000;

  private final ReplayWindow window = new ReplayWindow();

  @Test
  void acceptsSequenceNumbersInOrder() {
    for (long sequence = 0; sequence < 3000; sequence++) {
      assertTrue(window.accept(SENDER, EPOCH, sequence), "sequence " + sequence);
    }
  }

  @Test
  void acceptsLateArrivalWithinTheWindowOnce() {
    window.accept(SENDER, EPOCH, 1);
    window.accept(SENDER, EPOCH, 1024);
    assertTrue(window.accept(SENDER, EPOCH, 2));
    assertFalse(window.accept(SENDER, EPOCH, 2));
  }

  @Test
  void rejectsDuplicate() {
    window.accept(SENDER, EPOCH, 5);
    assertFalse(window.accept(SENDER, EPOCH, 5));
  }

  @Test
  void rejectsSequenceOlderThanTheWindow() {
    window.accept(SENDER, EPOCH, 1024);
    assertFalse(window.accept(SENDER, EPOCH, 0));
  }

  @Test
  void jumpBeyondTheWindowForgetsWhatWasSeen() {
    window.accept(SENDER, EPOCH, 10);
    window.accept(SENDER, EPOCH, 10 + 5000);
    assertTrue(window.accept(SENDER, EPOCH, 10 + 5000 - 1023));
    assertFalse(window.accept(SENDER, EPOCH, 10 + 5000 - 1024));
  }

  @Test
  void acceptsTheLargestSequenceNumber() {
    assertTrue(window.accept(SENDER, EPOCH, 0xFFFF_FFFFL));
    assertFalse(window.accept(SENDER, EPOCH, 0xFFFF_FFFFL));
  }

  @Test
  void newerEpochStartsAFreshWindow() {
    window.accept(SENDER, EPOCH, 7);
    assertTrue(window.accept(SENDER, EPOCH + 1, 7));
    assertTrue(window.accept(SENDER, EPOCH + 1, 0));
  }

  @Test
  void olderEpochIsReplay() {
    window.accept(SENDER, EPOCH + 1, 0);
    assertFalse(window.accept(SENDER, EPOCH, 8));
  }

  @Test
  void sendersHaveWindowsOfTheirOwn() {
    window.accept(SENDER, EPOCH, 7);
    assertTrue(window.accept(SENDER + 1, EPOCH, 7));
  }

  @Test
  void forgetsTheLeastRecentlyHeardSenderBeyondItsBound() {
    ReplayWindow small = new ReplayWindow(64, 2);
    small.accept(1, EPOCH, 0);
    small.accept(2, EPOCH, 0);
    small.accept(1, EPOCH, 1); // 1 heard again: 2 is now the least recent
    small.accept(3, EPOCH, 0);
    assertEquals(2, small.trackedSenders());
    assertFalse(small.accept(1, EPOCH, 1));
    assertTrue(small.accept(2, EPOCH, 0));
  }

  @Test
  void refusesSizeThatIsNotAMultipleOf64() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ReplayWindow(100, 1));
    assertEquals("replay window size 100 is not a positive multiple of 64", e.getMessage());
  }
}
