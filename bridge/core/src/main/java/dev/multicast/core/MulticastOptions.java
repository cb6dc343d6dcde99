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
  public static final int DEFAULT_TTL = 1;
  public static final int DEFAULT_RECEIVE_BUFFER = 4 * 1024 * 1024;

  public MulticastOptions {
    if (ttl < 0 || ttl > 255) {
      throw new IllegalArgumentException("'" + ttl + "' is not a TTL (expected 0 to 255)");
    }
    if (receiveBufferSize < 1) {
      throw new IllegalArgumentException(
          "'" + receiveBufferSize + "' is not a buffer size (expected a positive number of bytes)");
    }
  }

  /** The operating system's interface choice, TTL 1, loopback on, a 4 MiB receive buffer. */
  public static MulticastOptions defaults() {
    return new MulticastOptions(null, DEFAULT_TTL, true, DEFAULT_RECEIVE_BUFFER);
  }

  public MulticastOptions iface(NetworkInterface newIface) {
    return new MulticastOptions(newIface, ttl, loop, receiveBufferSize);
  }

  public MulticastOptions ttl(int newTtl) {
    return new MulticastOptions(iface, newTtl, loop, receiveBufferSize);
  }

  public MulticastOptions loop(boolean newLoop) {
    return new MulticastOptions(iface, ttl, newLoop, receiveBufferSize);
  }

  public MulticastOptions receiveBufferSize(int bytes) {
    return new MulticastOptions(iface, ttl, loop, bytes);
  }
}
