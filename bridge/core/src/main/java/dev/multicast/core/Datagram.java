package dev.multicast.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One datagram as received: its payload, who sent it, the group it was addressed to and when it
 * arrived. The payload array belongs to this datagram; callers must not change it.
 *
 * @param group the group (address and port) the datagram was received on
 * @param source the sender's address and port, where replies go
 * @param payload the raw bytes, exactly as sent
 * @param receivedAt when this host read it from the socket
 */
public record Datagram(Group group, InetSocketAddress source, byte[] payload, Instant receivedAt) {
  /** The largest payload one UDP datagram over IPv4 carries: 65,535 less 20 (IP) and 8 (UDP). */
  public static final int MAX_PAYLOAD = 65_507;

  /**
   * A datagram holding a copy of the buffer's remaining bytes, received now.
   *
   * @param group the group it arrived on
   * @param source its sender
   * @param payload read from its position to its limit, which it is left at
   * @return a datagram that owns its bytes
   */
  public static Datagram copyOf(Group group, InetSocketAddress source, ByteBuffer payload) {
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    return new Datagram(group, source, bytes, Instant.now());
  }

  /** {@return the payload's length in bytes} */
  public int size() {
    return payload.length;
  }

  /** {@return the payload decoded as UTF-8, with replacement characters for bytes that are not} */
  public String text() {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** Checks that a payload fits in one datagram. */
  static void checkSize(int size) {
    if (size > MAX_PAYLOAD) {
      throw new MulticastException(
          MulticastException.Reason.TOO_LARGE,
          "a message of "
              + size
              + " bytes is larger than one datagram can carry (at most "
              + MAX_PAYLOAD
              + " bytes)");
    }
  }
}
