package dev.multicast.core;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Takes each datagram a {@link Receiver} polls, without a copy: {@code payload} is the receiver's
 * own buffer, valid only during the call (read it or copy it; {@link Datagram#copyOf} makes a
 * lasting value).
 */
@FunctionalInterface
public interface DatagramHandler {
  /**
   * Called on the receiving thread for each datagram, in the order they were read.
   *
   * @param group the group it arrived on
   * @param source its sender
   * @param payload its bytes from position to limit; the receiver's buffer, reused after the call
   */
  void onDatagram(Group group, InetSocketAddress source, ByteBuffer payload);
}
