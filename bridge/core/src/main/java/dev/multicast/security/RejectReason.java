package dev.multicast.security;

/**
 * Why a datagram was refused. The first check that fails decides; {@link Opener} lists the order.
 */
public enum RejectReason implements OpenResult {
  /** Larger than one datagram can be (65,507 bytes). */
  OVERSIZE("larger than 65,507 bytes"),
  /**
   * Not an envelope this version reads: bad magic (a plain datagram), version or mode byte, a seq
   * envelope with a key id, or a sender id of 0.
   */
  MALFORMED("not an envelope: bad magic, version, mode or sender id"),
  /** Starts like an envelope but is shorter than its header and tag. */
  TRUNCATED("shorter than the header and tag"),
  /**
   * Made with another key than the receiver's: another key id, or a keyed envelope at a receiver
   * without a key, or a seq envelope (no key) at a receiver with one.
   */
  WRONG_KEY("made with another key, or no key where one is needed"),
  /** The tag does not verify: changed on the way or made without the key. */
  FORGED("tag does not verify"),
  /** Timestamp further from the receiver's clock than its freshness window. */
  STALE("timestamp outside the freshness window"),
  /** Seen before, or older than the replay window. */
  REPLAY("seen before, or older than the replay window");

  private final String description;

  RejectReason(String description) {
    this.description = description;
  }

  /** {@return one line for help texts and logs} */
  public String description() {
    return description;
  }

  @Override
  public boolean accepted() {
    return false;
  }
}
