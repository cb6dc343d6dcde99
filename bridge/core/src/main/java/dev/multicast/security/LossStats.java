package dev.multicast.security;

/**
 * What the sequence numbers of a stream tell about the network: a value to print or write as JSON.
 *
 * @param received datagrams recorded, duplicates included
 * @param lost sequence numbers skipped and not filled in since by a late arrival
 * @param duplicated arrivals of a sequence number already seen
 * @param reordered arrivals below the highest sequence number so far that were not duplicates
 */
public record LossStats(long received, long lost, long duplicated, long reordered) {
  /** No datagrams at all. */
  public static final LossStats NONE = new LossStats(0, 0, 0, 0);

  /**
   * {@return the sum of two streams' figures}
   *
   * @param other the figures to add
   */
  public LossStats plus(LossStats other) {
    return new LossStats(
        received + other.received,
        lost + other.lost,
        duplicated + other.duplicated,
        reordered + other.reordered);
  }
}
