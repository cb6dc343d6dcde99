package dev.multicast.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * The baseline: the least a Java program can do to send and receive multicast, straight on a {@link
 * DatagramChannel}, with the same socket settings as the toolkit (lo, 4 MiB receive buffer, bound
 * to the group). {@code send GROUP PORT COUNT SIZE} sends once and exits, {@code recv GROUP PORT
 * COUNT IDLE_SECONDS} counts what arrives until COUNT or a quiet spell and prints one line like
 * RECV --stats, {@code echo GROUP PORT COUNT} sends each of COUNT datagrams back to its sender, as
 * HEAR does.
 */
public final class RawPair {
  private RawPair() {}

  public static void main(String[] args) throws Exception {
    InetAddress group = InetAddress.getByName(args[1]);
    int port = Integer.parseInt(args[2]);
    long count = Long.parseLong(args[3]);
    NetworkInterface lo = NetworkInterface.getByName("lo");
    if (args[0].equals("send")) {
      send(group, port, count, Integer.parseInt(args[4]), lo);
    } else if (args[0].equals("echo")) {
      echo(group, port, count, lo);
    } else {
      receive(group, port, count, Double.parseDouble(args[4]), lo);
    }
  }

  private static void send(InetAddress group, int port, long count, int size, NetworkInterface lo)
      throws Exception {
    try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
      channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, lo);
      InetSocketAddress target = new InetSocketAddress(group, port);
      ByteBuffer payload = ByteBuffer.wrap(new byte[size]);
      for (long i = 0; i < count; i++) {
        payload.rewind();
        channel.send(payload, target);
      }
    }
  }

  private static void echo(InetAddress group, int port, long count, NetworkInterface lo)
      throws Exception {
    try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(new InetSocketAddress(group, port));
      channel.join(group, lo);
      try (DatagramChannel reply = DatagramChannel.open(StandardProtocolFamily.INET)) {
        System.err.println("RAW: listening on " + group + ":" + port);
        ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
        for (long i = 0; i < count; i++) {
          buffer.clear();
          SocketAddress sender = channel.receive(buffer);
          reply.send(buffer.flip(), sender);
        }
      }
    }
  }

  private static void receive(
      InetAddress group, int port, long count, double timeoutSeconds, NetworkInterface lo)
      throws Exception {
    try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 * 1024 * 1024);
      channel.bind(new InetSocketAddress(group, port));
      channel.join(group, lo);
      channel.configureBlocking(false);
      System.err.println("RAW: listening on " + group + ":" + port);
      ByteBuffer buffer = ByteBuffer.allocateDirect(65536);
      long received = 0;
      long bytes = 0;
      long first = 0;
      long last = 0;
      try (Selector selector = Selector.open()) {
        channel.register(selector, SelectionKey.OP_READ);
        while (received < count && selector.select((long) (timeoutSeconds * 1000)) > 0) {
          selector.selectedKeys().clear();
          while (received < count) {
            buffer.clear();
            if (channel.receive(buffer) == null) {
              break;
            }
            last = System.nanoTime();
            if (received++ == 0) {
              first = last;
            }
            bytes += buffer.position();
          }
        }
      }
      double seconds = (last - first) / 1e9;
      System.err.printf(
          "RAW: received %d datagrams, %d bytes in %.3f s (%.0f datagrams/s)%n",
          received, bytes, seconds, seconds > 0 ? (received - 1) / seconds : 0);
    }
  }
}
