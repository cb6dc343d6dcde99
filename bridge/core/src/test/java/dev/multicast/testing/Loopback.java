package dev.multicast.testing;

import dev.multicast.core.Group;
import dev.multicast.core.MulticastOptions;
import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where tests send: the loopback interface only, and a fresh administratively scoped group and port
 * for every use, so that tests never hear each other and nothing leaves the machine.
 */
public final class Loopback {
  public static final String IFACE = "lo";
  private static final AtomicInteger NEXT =
      new AtomicInteger(ThreadLocalRandom.current().nextInt(0, 60000));

  private Loopback() {}

  public static NetworkInterface iface() {
    try {
      return NetworkInterface.getByName(IFACE);
    } catch (SocketException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Options pinned to {@code lo}. */
  public static MulticastOptions options() {
    return MulticastOptions.defaults().iface(iface());
  }

  /** A group in 239.255.0.0/16 and a port in 50000-59999 that no other test in this JVM uses. */
  public static Group group() {
    int n = NEXT.getAndIncrement();
    return Group.of("239.255." + (n / 250 % 250) + "." + (n % 250 + 1), 50000 + n % 10000);
  }

  /**
   * Whether some socket on {@code lo} has joined the IPv4 group, as the kernel's IGMP table shows.
   */
  public static boolean isJoined(Group group) throws IOException {
    byte[] a = group.address().getAddress();
    String hex = String.format("%02X%02X%02X%02X", a[3], a[2], a[1], a[0]);
    return joinedOnLo(Files.readAllLines(Path.of("/proc/net/igmp")), hex);
  }

  private static boolean joinedOnLo(List<String> igmp, String hex) {
    boolean onLo = false;
    for (String line : igmp) {
      if (!line.startsWith("\t")) {
        onLo = line.contains(" " + IFACE + " ") || line.contains("\t" + IFACE + " ");
      } else if (onLo && line.trim().startsWith(hex)) {
        return true;
      }
    }
    return false;
  }
}
