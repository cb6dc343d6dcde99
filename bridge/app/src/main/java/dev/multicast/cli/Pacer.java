package dev.multicast.cli;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

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
  private final LongSupplier clock;
  private final LongConsumer park;
  private long next;

  /** A pacer for {@code perSecond} sends a second; null means no pacing. */
  Pacer(Double perSecond) {
    this(perSecond, System::nanoTime, LockSupport::parkNanos);
  }

  /**
   * As {@link #Pacer(Double)}, reading the time from {@code clock} and waiting with {@code park}:
   * tests decide how late each wake-up comes instead of hoping the machine is idle.
   */
  Pacer(Double perSecond, LongSupplier clock, LongConsumer park) {
    this.intervalNanos = perSecond == null ? 0 : Math.max(1, (long) (1e9 / perSecond));
    this.clock = clock;
    this.park = park;
    this.next = clock.getAsLong();
  }

  void await() {
    if (intervalNanos == 0) {
      return;
    }
    long now = clock.getAsLong();
    if (now - next > CATCH_UP_NANOS) {
      next = now;
    }
    // Differences, not comparisons: nanoTime may wrap, and so may a schedule of very slow rates.
    while ((now = clock.getAsLong()) - next < 0) {
      park.accept(next - now);
    }
    next += intervalNanos;
  }
}
