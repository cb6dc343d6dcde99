package dev.multicast.testing;

import dev.multicast.core.Group;
import dev.multicast.core.MulticastOptions;
import java.net.NetworkInterface;
import java.net.SocketException;
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
}
