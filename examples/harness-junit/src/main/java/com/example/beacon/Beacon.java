package com.example.beacon;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.MulticastSocket;
import java.nio.charset.StandardCharsets;

/** Sends {@code beacon 1} to {@code beacon N} to a multicast group, one a millisecond. */
public final class Beacon {
  private Beacon() {}

  /**
   * Arguments: group, port, N.
   *
   * @param args the group's address, its port and how many beacons to send
   */
  public static void main(String[] args) throws Exception {
    InetAddress group = InetAddress.getByName(args[0]);
    int port = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    try (MulticastSocket socket = new MulticastSocket()) {
      for (int i = 1; i <= count; i++) {
        byte[] text = ("beacon " + i).getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(text, text.length, group, port));
        Thread.sleep(1);
      }
    }
    System.out.println("sent " + count + " beacons");
  }
}
