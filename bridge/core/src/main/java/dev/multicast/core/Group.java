package dev.multicast.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A multicast group and UDP port: where datagrams are sent and which receivers get them.
 *
 * <p>String form: {@code 239.1.2.3:59259} for IPv4 and {@code [ff15::7]:59259} for IPv6; {@link
 * #parse(String)} and {@link #toString()} round-trip. Addresses are literals only: a group is never
 * looked up in DNS.
 *
 * @param address an IPv4 (224.0.0.0/4) or IPv6 (ff00::/8) multicast address
 * @param port a UDP port, 1 to 65535
 */
public record Group(InetAddress address, int port) {
  /** The UDP ports, 1 to 65535 (0 is no port to send to). */
  public static final Range PORTS = Range.of(1, 65535);

  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  /**
   * Checks both parts.
   *
   * @param address a multicast address
   * @param port a UDP port, 1 to 65535
   * @throws IllegalArgumentException naming the address that is not multicast or the port out of
   *     range
   */
  public Group {
    if (!address.isMulticastAddress()) {
      throw new IllegalArgumentException(notMulticast(Addresses.text(address)));
    }
    PORTS.checkInt(port, "a port");
  }

  /**
   * A group from an address literal and a port, with a message naming whichever is wrong.
   *
   * @param address a multicast address literal, never looked up as a name
   * @param port a UDP port, 1 to 65535
   * @return the group
   * @throws IllegalArgumentException naming the bad address or port
   */
  public static Group of(String address, int port) {
    return new Group(multicastAddress(address), port);
  }

  /**
   * Parses the string form {@code ADDRESS:PORT} or {@code [IPV6-ADDRESS]:PORT}.
   *
   * @param text e.g. {@code 239.1.2.3:59259} or {@code [ff15::7]:59259}
   * @return the group
   * @throws IllegalArgumentException naming the text and what was expected
   */
  public static Group parse(String text) {
    int colon = text.lastIndexOf(':');
    boolean bracketed = text.startsWith("[");
    if (colon < 0 || (bracketed && text.charAt(colon - 1) != ']')) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a group (expected ADDRESS:PORT, e.g. 239.1.2.3:59259)");
    }
    String host = text.substring(bracketed ? 1 : 0, bracketed ? colon - 1 : colon);
    return of(host, parsePort(text.substring(colon + 1)));
  }

  /**
   * Parses a multicast address literal without any name lookup.
   *
   * @param literal e.g. {@code 239.1.2.3} or {@code ff15::7}
   * @return the address
   * @throws IllegalArgumentException naming the text and what was expected
   */
  public static InetAddress multicastAddress(String literal) {
    InetAddress address = literal(literal);
    if (address == null || !address.isMulticastAddress()) {
      throw new IllegalArgumentException(notMulticast(literal));
    }
    return address;
  }

  /**
   * Parses an IP address literal without any name lookup.
   *
   * @param text an IPv4 or IPv6 literal
   * @return the address, or null when the text is not a literal
   */
  public static InetAddress literal(String text) {
    try {
      if (IPV4_LITERAL.matcher(text).matches()) {
        // Parsed here: the JDK would resolve an out-of-range octet such as 300 as a host name.
        String[] octets = text.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
          int octet = Integer.parseInt(octets[i]);
          if (octet > 255) {
            return null;
          }
          bytes[i] = (byte) octet;
        }
        return InetAddress.getByAddress(bytes);
      }
      // A text of hex digits, colons and dots is never looked up as a name.
      return IPV6_LITERAL.matcher(text).matches() ? InetAddress.getByName(text) : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * Parses a port number.
   *
   * @param text decimal digits
   * @return the port, 1 to 65535
   * @throws IllegalArgumentException naming the text when it is not a port
   */
  public static int parsePort(String text) {
    return PORTS.parseInt(text, "a port");
  }

  private static String notMulticast(String text) {
    return "'"
        + text
        + "' is not a multicast address (expected 224.0.0.0 to 239.255.255.255, or ff00::/8)";
  }

  /**
   * {@return the same address on another port}
   *
   * @param newPort a UDP port, 1 to 65535
   */
  public Group withPort(int newPort) {
    return new Group(address, newPort);
  }

  /** {@return whether the address is IPv6} */
  public boolean isIpv6() {
    return address instanceof Inet6Address;
  }

  /** {@return the address and port, where datagrams to the group are sent} */
  public InetSocketAddress socketAddress() {
    return new InetSocketAddress(address, port);
  }

  /**
   * The address a member's socket binds so that it gets only this group's datagrams, never unicast
   * to the port nor other groups on it: the group and port, with a link-local IPv6 group scoped to
   * {@code iface}, which the kernel needs to tell its links apart.
   *
   * @param iface the interface the member joins on
   * @return the address to bind
   */
  public InetSocketAddress memberAddress(NetworkInterface iface) {
    if (address instanceof Inet6Address v6 && v6.isMCLinkLocal()) {
      try {
        return new InetSocketAddress(Inet6Address.getByAddress(null, v6.getAddress(), iface), port);
      } catch (UnknownHostException e) {
        throw new IllegalStateException("a 16-byte address is always valid", e);
      }
    }
    return socketAddress();
  }

  /** {@return the address as the reference tool prints it: no brackets, no port} */
  public String host() {
    return Addresses.text(address);
  }

  @Override
  public String toString() {
    return Addresses.text(socketAddress());
  }

  // Written out, as a record would make them: a record's own are set up with method handles at
  // their first call, about 8 ms of the start-up of SAY, RECV and HEAR, which hash their groups.
  @Override
  public boolean equals(Object other) {
    return other instanceof Group group && port == group.port && address.equals(group.address);
  }

  @Override
  public int hashCode() {
    return 31 * address.hashCode() + port;
  }
}
