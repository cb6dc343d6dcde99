package dev.multicast.core;

import dev.multicast.core.MulticastException.Reason;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/** Opens datagram channels in the order multicast needs, and names what failed when one fails. */
final class Channels {
  private Channels() {}

  static ProtocolFamily family(Group group) {
    return group.isIpv6() ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
  }

  static NetworkInterface ifaceFor(Group group, MulticastOptions options) {
    return options.iface() != null ? options.iface() : Interfaces.routeTo(group);
  }

  /**
   * A channel that sends to {@code group}'s family: bound to {@code local} (null for any address
   * and a free port), with the outgoing interface, TTL and loopback set.
   */
  static DatagramChannel openSender(
      Group group, MulticastOptions options, InetSocketAddress local) {
    NetworkInterface iface = ifaceFor(group, options);
    DatagramChannel channel = null;
    try {
      channel = DatagramChannel.open(family(group));
      channel.bind(local);
      channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, iface);
      channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, options.ttl());
      channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, options.loop());
      return channel;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      throw failure("cannot send to " + group + " on interface " + iface.getName(), e);
    }
  }

  /**
   * A channel that receives {@code group}: {@code SO_REUSEADDR} so several receivers share the
   * port, bound to the group address so that it sees only this group's datagrams (Linux otherwise
   * delivers every group joined on the port by any process), then joined, for one source only when
   * {@code source} is given.
   */
  static DatagramChannel openMember(Group group, MulticastOptions options, InetAddress source) {
    NetworkInterface iface = ifaceFor(group, options);
    DatagramChannel channel = null;
    try {
      channel = DatagramChannel.open(family(group));
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.setOption(StandardSocketOptions.SO_RCVBUF, options.receiveBufferSize());
      bindToGroup(channel, group, iface);
      if (source == null) {
        channel.join(group.address(), iface);
      } else {
        channel.join(group.address(), iface, source);
      }
      return channel;
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      String what = source == null ? "" : " from source " + source.getHostAddress();
      throw failure("cannot join " + group + what + " on interface " + iface.getName(), e);
    }
  }

  private static void bindToGroup(DatagramChannel channel, Group group, NetworkInterface iface)
      throws IOException {
    try {
      channel.bind(group.memberAddress(iface));
    } catch (IOException e) {
      // Systems that cannot bind a multicast address (Windows) still filter by membership.
      channel.bind(new InetSocketAddress(group.port()));
    }
  }

  static MulticastException failure(String what, Exception e) {
    if (e instanceof MulticastException known) {
      return known;
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Reason reason =
        detail.contains("Operation not permitted") || detail.contains("Permission denied")
            ? Reason.PERMISSION
            : e instanceof IOException ? Reason.UNAVAILABLE : Reason.IO;
    return new MulticastException(reason, what + ": " + detail, e);
  }

  static void closeQuietly(AutoCloseable closeable) {
    if (closeable != null) {
      try {
        closeable.close();
      } catch (Exception | LinkageError ignored) {
        // Closing after a failure: the first failure is the one worth reporting. The JDK loads
        // its closing code on first use, which needs a file descriptor: when the failure was that
        // none is left, that load fails too (ExceptionInInitializerError) and must not replace it.
      }
    }
  }
}
