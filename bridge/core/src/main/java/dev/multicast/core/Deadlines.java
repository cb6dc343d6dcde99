package dev.multicast.core;

import java.time.Duration;

/** Deadlines on {@link System#nanoTime()} that saturate instead of overflowing. */
public final class Deadlines {
  private Deadlines() {}

  /**
   * {@return the {@code System.nanoTime()} value {@code timeout} from now; {@link Long#MAX_VALUE}
   * for (practically) never}
   *
   * @param timeout how long from now; null or huge means never
   */
  public static long after(Duration timeout) {
    if (timeout == null) {
      return Long.MAX_VALUE;
    }
    long now = System.nanoTime();
    long nanos;
    try {
      nanos = timeout.toNanos();
    } catch (ArithmeticException e) {
      nanos = Long.MAX_VALUE;
    }
    return nanos > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + nanos;
  }

  /**
   * {@return how long one wait may take, in milliseconds: what is left, at least 1 ms, at most 1 s
   * (to notice a close)}
   *
   * @param leftNanos nanoseconds left until the deadline
   */
  public static long pollMillis(long leftNanos) {
    return Math.max(1, Math.min(leftNanos / 1_000_000, 1_000));
  }
}
