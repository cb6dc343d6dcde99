package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PacerTest {
  /** A clock that moves only when the pacer waits, each wake-up {@code lateNanos} late. */
  private static final class Clock {
    private final long lateNanos;
    private long now;

    Clock(long lateNanos) {
      this.lateNanos = lateNanos;
    }

    Pacer pacer(double perSecond) {
      return new Pacer(perSecond, () -> now, nanos -> now += nanos + lateNanos);
    }
  }

  @Test
  void shouldHoldTheRateWhenEachWakeUpComesLate() {
    // 100,000 a second is one send every 10 microseconds; each wake-up comes five intervals late.
    Clock clock = new Clock(50_000);
    Pacer pacer = clock.pacer(100_000.0);
    for (int i = 0; i < 20_000; i++) {
      pacer.await();
    }
    // The last send is due at 19,999 intervals, and goes at most one late wake-up after.
    long due = 19_999 * 10_000L;
    assertTrue(
        clock.now >= due && clock.now <= due + 60_000,
        "20,000 sends at 100,000/s took " + clock.now + " ns, not " + due);
  }

  @Test
  void shouldNotBurstAfterAnIdleSpell() {
    Clock clock = new Clock(0);
    Pacer pacer = clock.pacer(1_000.0);
    pacer.await();
    clock.now += 200_000_000; // idle for 200 ms
    long start = clock.now;
    for (int i = 0; i < 20; i++) {
      pacer.await();
    }
    // Catching up the 200 idle milliseconds would send all 20 at once; paced, they take 19 ms.
    assertEquals(19_000_000, clock.now - start, "20 sends at 1,000/s after an idle spell");
  }

  @Test
  void shouldWaitAtAnExtremelySlowRateInsteadOfOverflowingIntoABurst() throws Exception {
    Pacer pacer = new Pacer(1e-300);
    pacer.await(); // the first send goes at once
    Thread second = new Thread(pacer::await);
    second.setDaemon(true); // it would wait for longer than the universe has existed
    second.start();
    second.join(300);
    assertTrue(second.isAlive(), "the second send of 1e-300 a second did not wait");
  }
}
