package dev.multicast.bridge;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The duplicate ids the bridge gives each message it delivers, once, before the first attempt: a
 * retry carries the same id, so a broker or a receiver can drop what it already has.
 */
final class DuplicateIds {
  /** Ids are this process's random prefix and a count: unique across bridges and restarts. */
  private static final String PREFIX = UUID.randomUUID() + ":";

  private static final AtomicLong NEXT = new AtomicLong();

  private DuplicateIds() {}

  static String next() {
    return PREFIX + NEXT.getAndIncrement();
  }
}
