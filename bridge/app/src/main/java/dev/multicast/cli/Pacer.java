package dev.multicast.cli;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces sends at a fixed rate on a schedule rather than by sleeping between them, so that a late
 * wake-up is made up by the next sends and the average rate holds.
 */
final class Pacer {
  /**
   * Lateness up to this is made up by the next sends (a wake-up from parkNanos comes tens of
   * microseconds late, several intervals at high rates); beyond it the sender was idle, such as on
   * a quiet pipe, and the schedule restarts rather than catching up in a burst.
   */
  private static final long CATCH_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final long intervalNanos;
  private long next = System.nanoTime();

  /** A pacer for {@code perSecond} sends a second; null means no pacing. */
  Pacer(Double perSecond) {
    this.intervalNanos = perSecond == null ? 0 : Math.max(1, (long) (1e9 / perSecond));
  }

  void await() {
    if (intervalNanos == 0) {
      return;
    }
    long now = System.nanoTime();
    if (now - next > CATCH_UP_NANOS) {
      next = now;
    }
    // Differences, not comparisons: nanoTime may wrap, and so may a schedule of very slow rates.
    while ((now = System.nanoTime()) - next < 0) {
      LockSupport.parkNanos(next - now);
    }
    next += intervalNanos;
  }
}
