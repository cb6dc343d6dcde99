package dev.multicast.security;

import java.time.Instant;

/**
 * An envelope that passed every check, with its payload in clear text. The payload array belongs to
 * this value; callers must not change it.
 *
 * @param mode how the envelope was protected
 * @param senderId the sender's random id, never 0
 * @param epoch the sender's epoch, unsigned 32-bit
 * @param sequence the sequence number within the epoch, unsigned 32-bit
 * @param timestamp when it was sent, Unix milliseconds by the sender's clock
 * @param payload the payload, decrypted in seal mode
 */
public record Opened(
    EnvelopeMode mode, int senderId, long epoch, long sequence, long timestamp, byte[] payload)
    implements OpenResult {
  @Override
  public boolean accepted() {
    return true;
  }

  /** {@return the sender's timestamp as an instant} */
  public Instant sentAt() {
    return Instant.ofEpochMilli(timestamp);
  }

  /** The fields, with the payload's length rather than its bytes (which may be secret). */
  @Override
  public String toString() {
    return String.format(
        "Opened[mode=%s, senderId=%08x, epoch=%d, sequence=%d, timestamp=%d, payload=%d bytes]",
        mode, senderId, epoch, sequence, timestamp, payload.length);
  }
}
