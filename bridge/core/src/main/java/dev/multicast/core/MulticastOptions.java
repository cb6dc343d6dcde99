package dev.multicast.core;

import java.net.NetworkInterface;

/**
 * How senders and receivers use the network: which interface, how far datagrams travel, and whether
 * this host hears its own datagrams. Immutable; each setter-named method returns a copy.
 *
 * @param iface the interface to send on and join groups on; null lets the operating system's
 *     routing choose, as the reference tool does
 * @param ttl hops a datagram may travel, 0 to 255 (1 keeps it on the local network)
 * @param loop whether datagrams sent from this host are delivered to its own receivers
 * @param receiveBufferSize the socket receive buffer asked of the kernel, in bytes; bursts larger
 *     than this are dropped by the kernel before the receiver sees them
 */
public record MulticastOptions(
    NetworkInterface iface, int ttl, boolean loop, int receiveBufferSize) {
  /** The TTLs a datagram can carry: its TTL field is one byte. */
  public static final Range TTLS = Range.of(0, 255);

  /** The TTL unless told otherwise: datagrams stay on the local network. */
  public static final int DEFAULT_TTL = 1;

  /**
   * The receive buffer asked of the kernel unless told otherwise, in bytes; Linux grants at most
   * {@code net.core.rmem_max}.
   */
  public static final int DEFAULT_RECEIVE_BUFFER = 4 * 1024 * 1024;

  /** Receive buffer sizes, in bytes. */
  public static final Range RECEIVE_BUFFERS = Range.of(1, Integer.MAX_VALUE);

  /**
   * Checks the TTL and the buffer size.
   *
   * @param iface the interface, or null for the operating system's routing
   * @param ttl hops, 0 to 255
   * @param loop whether this host's receivers get its datagrams
   * @param receiveBufferSize bytes, at least 1
   * @throws IllegalArgumentException naming the TTL or size out of range
   */
  public MulticastOptions {
    checkTtl(ttl);
    RECEIVE_BUFFERS.checkInt(receiveBufferSize, "a receive buffer size in bytes");
  }

  /**
   * Checks a TTL, for whoever sets one on a socket of its own (the Camel sink does).
   *
   * @param ttl hops, 0 to 255
   * @return {@code ttl}
   * @throws IllegalArgumentException such as {@code '300' is not a TTL (expected 0 to 255)}
   */
  public static int checkTtl(int ttl) {
    return TTLS.checkInt(ttl, "a TTL");
  }

  /**
   * Parses a TTL; the message names the text as {@link #checkTtl(int)} does.
   *
   * @param text decimal digits
   * @return the TTL, 0 to 255
   * @throws IllegalArgumentException naming the text
   */
  public static int parseTtl(String text) {
    return TTLS.parseInt(text, "a TTL");
  }

  /**
   * {@return the operating system's interface choice, TTL 1, loopback on, a 4 MiB receive buffer}
   */
  public static MulticastOptions defaults() {
    return new MulticastOptions(null, DEFAULT_TTL, true, DEFAULT_RECEIVE_BUFFER);
  }

  /**
   * {@return a copy on another interface}
   *
   * @param newIface the interface, or null for the operating system's routing
   */
  public MulticastOptions iface(NetworkInterface newIface) {
    return new MulticastOptions(newIface, ttl, loop, receiveBufferSize);
  }

  /**
   * {@return a copy with another TTL}
   *
   * @param newTtl hops, 0 to 255
   */
  public MulticastOptions ttl(int newTtl) {
    return new MulticastOptions(iface, newTtl, loop, receiveBufferSize);
  }

  /**
   * {@return a copy that does or does not deliver this host's datagrams to its own receivers}
   *
   * @param newLoop whether to loop back
   */
  public MulticastOptions loop(boolean newLoop) {
    return new MulticastOptions(iface, ttl, newLoop, receiveBufferSize);
  }

  /**
   * {@return a copy asking the kernel for another receive buffer}
   *
   * @param bytes the size, at least 1; Linux grants at most {@code net.core.rmem_max}
   */
  public MulticastOptions receiveBufferSize(int bytes) {
    return new MulticastOptions(iface, ttl, loop, bytes);
  }
}
