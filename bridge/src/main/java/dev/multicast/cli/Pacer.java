package dev.multicast.cli;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces sends at a fixed rate on a schedule rather than by sleeping between them, so that a late
 * wake-up is made up by the next sends and the average rate holds.
 */
final class Pacer {
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
    // After an idle spell (a quiet pipe) the schedule restarts, rather than catching up in a burst.
    next = Math.max(next, now - intervalNanos);
    while ((now = System.nanoTime()) < next) {
      LockSupport.parkNanos(next - now);
    }
    next += intervalNanos;
  }
}
