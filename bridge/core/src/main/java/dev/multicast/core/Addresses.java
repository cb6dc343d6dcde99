package dev.multicast.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Set;
import java.util.stream.Collectors;

/** Address text as people and the reference tool write it (RFC 5952 for IPv6: {@code ff15::7}). */
public final class Addresses {
  private Addresses() {}

  /**
   * Whether an address belongs to this host: loopback, or held by one of its interfaces (read once,
   * on first use).
   *
   * @param address any address
   * @return true for loopback and this host's own addresses
   */
  public static boolean isLocal(InetAddress address) {
    return address.isLoopbackAddress() || Local.ADDRESSES.contains(address);
  }

  /** This host's addresses, read once, when first asked. */
  private static final class Local {
    static final Set<InetAddress> ADDRESSES = read();

    private static Set<InetAddress> read() {
      try {
        return NetworkInterface.networkInterfaces()
            .flatMap(NetworkInterface::inetAddresses)
            .collect(Collectors.toUnmodifiableSet());
      } catch (SocketException e) {
        return Set.of();
      }
    }
  }

  /**
   * {@return the address as text: {@code 239.1.2.3}, {@code ff15::7} or {@code fe80::1%eth0}, no
   * brackets, no port}
   *
   * @param address an IPv4 or IPv6 address
   */
  public static String text(InetAddress address) {
    if (!(address instanceof Inet6Address v6)) {
      return address.getHostAddress();
    }
    byte[] bytes = v6.getAddress();
    int[] words = new int[8];
    for (int i = 0; i < 8; i++) {
      words[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    // The longest run of two or more zero words becomes "::" (the first such run on a tie).
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && words[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(words[i]));
    }
    if (v6.getScopeId() != 0) {
      text.append('%').append(scopeName(v6));
    }
    return text.toString();
  }

  /** The interface name of a scope id, as Python and {@code ip} print it; the number otherwise. */
  private static String scopeName(Inet6Address v6) {
    NetworkInterface iface = v6.getScopedInterface();
    try {
      iface = iface != null ? iface : NetworkInterface.getByIndex(v6.getScopeId());
    } catch (SocketException e) {
      iface = null;
    }
    return iface != null ? iface.getName() : Integer.toString(v6.getScopeId());
  }

  /**
   * {@return the address and port as text: {@code 127.0.0.1:5555} or {@code [ff15::7]:5555}}
   *
   * @param address a resolved address and port
   */
  public static String text(InetSocketAddress address) {
    String host = text(address.getAddress());
    return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host)
        + ":"
        + address.getPort();
  }
}
