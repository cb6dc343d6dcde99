package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PacerTest {
  @Test
  void shouldHoldTheRateWhenEachWakeUpComesLate() {
    // 100,000 a second is one send every 10 microseconds, shorter than a parkNanos wake-up.
    Pacer pacer = new Pacer(100_000.0);
    long start = System.nanoTime();
    for (int i = 0; i < 20_000; i++) {
      pacer.await();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds < 0.45, "20,000 sends at 100,000/s took " + seconds + " s, not 0.2 s");
  }

  @Test
  void shouldNotBurstAfterAnIdleSpell() throws Exception {
    Pacer pacer = new Pacer(1_000.0);
    pacer.await();
    Thread.sleep(200);
    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      pacer.await();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    // Catching up the 200 idle milliseconds would send all 20 at once.
    assertTrue(seconds > 0.009, "20 sends at 1,000/s after an idle spell took " + seconds + " s");
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
