package dev.multicast.camel;

import java.net.Inet4Address;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;

/**
 * The name of the network a bridge's groups live on. A message that a source took from group G on
 * site S is never sent back to G by a sink on site S: that is how two bridges on one network that
 * bridge the same topic both ways stay loop-free, while bridges on two sites still carry traffic
 * between the sites. By default the site is the interface's IPv4 network, e.g. {@code
 * 172.18.0.0/16}, so bridges on one network agree without being told.
 */
public final class Site {
  private Site() {}

  /**
   * {@return the IPv4 network of the interface, such as {@code 172.18.0.0/16}, or its name when it
   * has no IPv4 address}
   *
   * @param iface the interface the bridge's groups use
   */
  public static String of(NetworkInterface iface) {
    for (InterfaceAddress address : iface.getInterfaceAddresses()) {
      if (address.getAddress() instanceof Inet4Address v4) {
        int prefix = address.getNetworkPrefixLength();
        int bits = 0;
        for (byte b : v4.getAddress()) {
          bits = (bits << 8) | (b & 0xff);
        }
        int network = prefix == 0 ? 0 : bits & (-1 << (32 - prefix));
        return String.format(
            "%d.%d.%d.%d/%d",
            network >>> 24, (network >> 16) & 0xff, (network >> 8) & 0xff, network & 0xff, prefix);
      }
    }
    return iface.getName();
  }
}
