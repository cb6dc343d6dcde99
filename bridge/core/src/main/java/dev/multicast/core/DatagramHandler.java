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
  void onDatagram(Group group, InetSocketAddress source, ByteBuffer payload);
}
