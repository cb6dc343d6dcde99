package dev.multicast.echo;

import dev.multicast.core.Addresses;
import dev.multicast.core.Group;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * The reply text of the echo service, byte for byte the reference tool's: {@code HEAR [ HELLO SAID
 * ('192.0.2.10', 40000) ] from 224.0.0.1}. The sender is written as Python writes a socket address
 * tuple, which for IPv6 carries flow info and scope id: {@code ('fe80::1%eth0', 40000, 0, 2)}.
 */
public final class HearReply {
  private HearReply() {}

  /**
   * {@return the reply to a datagram}
   *
   * @param said the datagram's text, upper-cased in the reply
   * @param sender who sent it
   * @param group the group it was heard on
   */
  public static String format(String said, InetSocketAddress sender, Group group) {
    return "HEAR [ "
        + said.toUpperCase(Locale.ROOT)
        + " SAID "
        + pythonTuple(sender)
        + " ] from "
        + group.host();
  }

  private static String pythonTuple(InetSocketAddress sender) {
    String host = "('" + Addresses.text(sender.getAddress()) + "', " + sender.getPort();
    if (sender.getAddress() instanceof Inet6Address v6) {
      return host + ", 0, " + v6.getScopeId() + ")";
    }
    return host + ")";
  }
}
