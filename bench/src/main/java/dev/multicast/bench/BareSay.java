package dev.multicast.bench;

import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;

/** The startup baseline: a bare JVM program that sends one datagram on lo and exits. */
public final class BareSay {
  private BareSay() {}

  public static void main(String[] args) throws Exception {
    try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
      channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
      channel.send(
          ByteBuffer.wrap(args[2].getBytes(StandardCharsets.UTF_8)),
          new InetSocketAddress(args[0], Integer.parseInt(args[1])));
    }
  }
}
