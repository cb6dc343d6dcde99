package dev.multicast.it.app;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.MulticastSocket;
import java.nio.charset.StandardCharsets;

/**
 * A user's program, JDK only: sends {@code beacon 1} to {@code beacon N} to a group, then says so.
 * Arguments: group, port, N.
 */
public final class Beacon {
  private Beacon() {}

  /** Sends the beacons. */
  public static void main(String[] args) throws Exception {
    InetAddress group = InetAddress.getByName(args[0]);
    int port = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    try (MulticastSocket socket = new MulticastSocket()) {
      for (int i = 1; i <= count; i++) {
        byte[] text = ("beacon " + i).getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(text, text.length, group, port));
      }
    }
    System.out.println("beacon: sent " + count);
  }
}
