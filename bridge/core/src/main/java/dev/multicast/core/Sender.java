package dev.multicast.core;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Sends datagrams to a group, and receives the unicast replies addressed back to it (what HEAR
 * sends). Each payload is one datagram of its raw bytes, with no framing.
 *
 * <pre>{@code
 * try (Sender sender = Sender.open(Group.of("239.1.2.3", 59259), options)) {
 *   sender.send("hello".getBytes(StandardCharsets.UTF_8));
 * }
 * }</pre>
 */
public final class Sender implements AutoCloseable {
  private final DatagramChannel channel;
  private final Group group;
  private final InetSocketAddress target;
  private DatagramPacket replyPacket;

  private Sender(DatagramChannel channel, Group group) {
    this.channel = channel;
    this.group = group;
    this.target = group.socketAddress();
  }

  /**
   * A sender to {@code group} from any local address and a free port.
   *
   * @param group where datagrams go
   * @param options the interface, TTL and loopback
   * @return an open sender, which the caller closes
   * @throws MulticastException naming the group and interface when the socket cannot be set up
   */
  public static Sender open(Group group, MulticastOptions options) {
    return open(group, options, null);
  }

  /**
   * A sender to {@code group} from the given local address and port.
   *
   * @param group where datagrams go
   * @param options the interface, TTL and loopback
   * @param local the address and port to send from; null for any address and a free port
   * @return an open sender, which the caller closes
   * @throws MulticastException naming the group and interface when the socket cannot be set up
   */
  public static Sender open(Group group, MulticastOptions options, InetSocketAddress local) {
    return new Sender(Channels.openSender(group, options, local), group);
  }

  /** {@return the group this sender sends to} */
  public Group group() {
    return group;
  }

  /**
   * Sends one datagram to the group.
   *
   * @param payload its bytes, at most {@link Datagram#MAX_PAYLOAD}
   * @throws MulticastException when the datagram is too large or cannot be sent
   */
  public void send(byte[] payload) {
    send(ByteBuffer.wrap(payload));
  }

  /**
   * Sends the buffer's remaining bytes as one datagram to the group.
   *
   * @param payload read from position to limit, at most {@link Datagram#MAX_PAYLOAD} bytes
   * @throws MulticastException when the datagram is too large or cannot be sent
   */
  public void send(ByteBuffer payload) {
    sendTo(target, payload);
  }

  /**
   * Sends the buffer's remaining bytes as one datagram to another group or a unicast address.
   *
   * @param destination an {@link InetSocketAddress}
   * @param payload read from position to limit, at most {@link Datagram#MAX_PAYLOAD} bytes
   * @throws MulticastException naming the destination when the datagram cannot be sent
   */
  public void sendTo(SocketAddress destination, ByteBuffer payload) {
    Datagram.checkSize(payload.remaining());
    try {
      channel.send(payload, destination);
    } catch (IOException e) {
      String to =
          destination instanceof InetSocketAddress address
              ? Addresses.text(address)
              : String.valueOf(destination);
      throw Channels.failure("cannot send to " + to, e);
    }
  }

  /** {@return the address and port replies come back to} */
  public InetSocketAddress localAddress() {
    try {
      return (InetSocketAddress) channel.getLocalAddress();
    } catch (IOException e) {
      throw Channels.failure("cannot read the local address", e);
    }
  }

  /**
   * Waits up to {@code timeout} for one datagram addressed to this sender, such as a HEAR reply.
   *
   * @param timeout how long to wait
   * @return the reply, or empty when the time ran out
   */
  public Optional<Datagram> receiveReply(Duration timeout) {
    if (replyPacket == null) {
      replyPacket =
          new DatagramPacket(new byte[Datagram.MAX_PAYLOAD + 1], Datagram.MAX_PAYLOAD + 1);
    }
    try {
      long millis;
      try {
        millis = timeout.toMillis();
      } catch (ArithmeticException e) {
        millis = Integer.MAX_VALUE;
      }
      channel.socket().setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, millis)));
      replyPacket.setLength(replyPacket.getData().length);
      channel.socket().receive(replyPacket);
      byte[] payload =
          Arrays.copyOfRange(
              replyPacket.getData(), replyPacket.getOffset(), replyPacket.getLength());
      InetSocketAddress from = (InetSocketAddress) replyPacket.getSocketAddress();
      return Optional.of(new Datagram(group, from, payload, Instant.now()));
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw Channels.failure("cannot receive replies on " + localAddress(), e);
    }
  }

  /** {@return whether the sender has been closed} */
  public boolean isClosed() {
    return !channel.isOpen();
  }

  @Override
  public void close() {
    Channels.closeQuietly(channel);
  }
}
