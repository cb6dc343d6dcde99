package dev.multicast.it.app;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;

/**
 * A user's long-running program, JDK only: joins a group on eth0 and prints each datagram's text.
 * Arguments: group, port.
 */
public final class Listener {
  private Listener() {}

  /** Listens until killed. */
  public static void main(String[] args) throws Exception {
    InetAddress group = InetAddress.getByName(args[0]);
    int port = Integer.parseInt(args[1]);
    try (MulticastSocket socket = new MulticastSocket(port)) {
      socket.joinGroup(new InetSocketAddress(group, port), NetworkInterface.getByName("eth0"));
      System.out.println("listener: joined " + group.getHostAddress());
      byte[] buffer = new byte[1500];
      while (true) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        System.out.println(
            new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
      }
    }
  }
}
