package dev.multicast.core;

import dev.multicast.core.MulticastException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.Optional;

/** Finds the network interface a group is used on. */
public final class Interfaces {
  /** What a caller without a route can do, in the API's words: callers name their own setting. */
  private static final String NAME_ONE = " (expected an interface named, such as lo or eth0)";

  private Interfaces() {}

  /**
   * The interface with this name ({@code lo}, {@code eth0}) or holding this address.
   *
   * @param nameOrAddress an interface name, or an address literal of this host
   * @return an interface that is up and can do multicast
   * @throws MulticastException (UNAVAILABLE) when there is none, it is down, or it cannot do
   *     multicast
   */
  public static NetworkInterface resolve(String nameOrAddress) {
    try {
      NetworkInterface iface = NetworkInterface.getByName(nameOrAddress);
      if (iface == null) {
        InetAddress address = Group.literal(nameOrAddress);
        iface = address == null ? null : NetworkInterface.getByInetAddress(address);
      }
      if (iface == null) {
        throw new MulticastException(
            Reason.UNAVAILABLE,
            "interface '"
                + nameOrAddress
                + "' does not exist (expected a name such as lo or an address of this host)");
      }
      if (!iface.isUp()) {
        throw new MulticastException(
            Reason.UNAVAILABLE, "interface '" + nameOrAddress + "' is down");
      }
      // Linux delivers multicast on lo although it does not carry the MULTICAST flag.
      if (!iface.supportsMulticast() && !iface.isLoopback()) {
        throw new MulticastException(
            Reason.UNAVAILABLE, "interface '" + nameOrAddress + "' cannot do multicast");
      }
      return iface;
    } catch (SocketException e) {
      throw new MulticastException(
          Reason.UNAVAILABLE, "interface '" + nameOrAddress + "': " + e.getMessage(), e);
    }
  }

  /**
   * The interface the operating system routes this group through, found by connecting a datagram
   * socket (which sends nothing) and reading back the local address it chose.
   *
   * @param group the group to send to
   * @return the interface its datagrams would leave on
   * @throws MulticastException (UNAVAILABLE) when no interface routes to the group
   */
  public static NetworkInterface routeTo(Group group) {
    try (DatagramChannel probe =
        DatagramChannel.open(
            group.isIpv6() ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET)) {
      probe.connect(group.socketAddress());
      InetAddress local = ((InetSocketAddress) probe.getLocalAddress()).getAddress();
      NetworkInterface iface = NetworkInterface.getByInetAddress(local);
      if (iface != null) {
        return iface;
      }
    } catch (IOException e) {
      throw new MulticastException(
          Reason.UNAVAILABLE,
          "no interface routes to group " + group + ": " + e.getMessage() + NAME_ONE,
          e);
    }
    throw new MulticastException(
        Reason.UNAVAILABLE, "no interface routes to group " + group + NAME_ONE);
  }

  /**
   * Whether {@code old} no longer exists as it was: removed, or its index now another's.
   *
   * @param old an interface found earlier
   * @return true when it is gone
   * @throws SocketException when the interfaces cannot be listed
   */
  public static boolean isGone(NetworkInterface old) throws SocketException {
    NetworkInterface same = NetworkInterface.getByIndex(old.getIndex());
    return same == null || !same.getName().equals(old.getName());
  }

  /**
   * The interface that took the place of one that went away and came back: the one with its name,
   * or else one with one of its addresses (Docker names a reconnected container's interface eth1
   * where it was eth0, with the same address). Empty while the old one is still there, or no
   * replacement is up yet.
   *
   * @param old an interface found earlier
   * @return the replacement, if there is one and it is up
   * @throws SocketException when the interfaces cannot be listed
   */
  public static Optional<NetworkInterface> replacement(NetworkInterface old)
      throws SocketException {
    if (!isGone(old)) {
      return Optional.empty();
    }
    NetworkInterface named = NetworkInterface.getByName(old.getName());
    if (named != null) {
      return named.isUp() ? Optional.of(named) : Optional.empty();
    }
    List<InetAddress> addresses = old.inetAddresses().toList();
    return NetworkInterface.networkInterfaces()
        .filter(candidate -> candidate.inetAddresses().anyMatch(addresses::contains))
        .filter(Interfaces::isUp)
        .findFirst();
  }

  private static boolean isUp(NetworkInterface iface) {
    try {
      return iface.isUp();
    } catch (SocketException gone) {
      return false;
    }
  }
}
