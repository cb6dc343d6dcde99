package dev.multicast.security;

import java.util.Arrays;

/**
 * Which of the last {@code size} sequence numbers up to the highest have been seen: a sliding
 * bitmap, as IPsec and DTLS keep for replay protection (RFC 4303, RFC 6347). Sequence numbers are
 * unsigned 32-bit values held in a long.
 */
final class SeenWindow {
  /** How a sequence number stands against what was seen before; marking records it. */
  enum Arrival {
    /** The first one this window saw. */
    FIRST,
    /** Above the highest so far; {@link #highest()} moves to it. */
    AHEAD,
    /** Below the highest, within the window, not seen before. */
    BEHIND,
    /** Seen before. */
    DUPLICATE,
    /** So far below the highest that the window no longer knows whether it was seen. */
    TOO_OLD
  }

  private final long[] bits;
  private final int size;
  private long highest = -1;

  /**
   * @param size sequence numbers remembered, a multiple of 64
   */
  SeenWindow(int size) {
    this.bits = new long[size / 64];
    this.size = size;
  }

  /** The highest sequence number seen, or -1 before the first. */
  long highest() {
    return highest;
  }

  /** Records {@code sequence} as seen and tells how it arrived. */
  Arrival mark(long sequence) {
    if (highest < 0) {
      highest = sequence;
      set(sequence);
      return Arrival.FIRST;
    }
    if (sequence > highest) {
      if (sequence - highest >= size) {
        Arrays.fill(bits, 0L);
      } else {
        for (long s = highest + 1; s < sequence; s++) {
          clear(s);
        }
      }
      highest = sequence;
      set(sequence);
      return Arrival.AHEAD;
    }
    if (highest - sequence >= size) {
      return Arrival.TOO_OLD;
    }
    if (isSet(sequence)) {
      return Arrival.DUPLICATE;
    }
    set(sequence);
    return Arrival.BEHIND;
  }

  /** Forgets everything, as for a new epoch. */
  void reset() {
    Arrays.fill(bits, 0L);
    highest = -1;
  }

  private int slot(long sequence) {
    return (int) (sequence % size);
  }

  private boolean isSet(long sequence) {
    int slot = slot(sequence);
    return (bits[slot >>> 6] & (1L << slot)) != 0;
  }

  private void set(long sequence) {
    int slot = slot(sequence);
    bits[slot >>> 6] |= 1L << slot;
  }

  private void clear(long sequence) {
    int slot = slot(sequence);
    bits[slot >>> 6] &= ~(1L << slot);
  }
}
