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

  /** A sender to {@code group} from any local address and a free port. */
  public static Sender open(Group group, MulticastOptions options) {
    return open(group, options, null);
  }

  /** A sender to {@code group} from the given local address and port. */
  public static Sender open(Group group, MulticastOptions options, InetSocketAddress local) {
    return new Sender(Channels.openSender(group, options, local), group);
  }

  public Group group() {
    return group;
  }

  /** Sends one datagram to the group. */
  public void send(byte[] payload) {
    send(ByteBuffer.wrap(payload));
  }

  /** Sends the buffer's remaining bytes as one datagram to the group. */
  public void send(ByteBuffer payload) {
    sendTo(target, payload);
  }

  /** Sends the buffer's remaining bytes as one datagram to another group or a unicast address. */
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

  /** The address and port replies come back to. */
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

  public boolean isClosed() {
    return !channel.isOpen();
  }

  @Override
  public void close() {
    Channels.closeQuietly(channel);
  }
}
