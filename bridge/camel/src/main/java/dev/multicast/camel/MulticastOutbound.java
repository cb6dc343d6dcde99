package dev.multicast.camel;

import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import java.net.Inet6Address;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.service.ServiceSupport;

/**
 * The step before a multicast sink: picks the target group (the message's {@link
 * MulticastHeaders#TARGET_GROUP} and {@link MulticastHeaders#TARGET_PORT}, else the sink's own),
 * drops a message that a source on this site took from that very group, which would otherwise loop
 * between bridges, and turns the body into the datagram's bytes: with an {@code envelope}, an
 * envelope under the group key of {@code keyFile}. Sealing comes after the loop check so that a
 * dropped message uses no sequence number: receivers would count the gap as a loss.
 *
 * <p>A message it will never send as it is (a target header that is not a group or port, a group of
 * an address family its interface has no address of, a payload larger than a datagram) fails with
 * an {@link UnsendableMessageException} naming the bad value, so that routes refuse it at once
 * instead of retrying.
 */
public class MulticastOutbound extends ServiceSupport implements Processor {
  /** The exchange property holding the target host as a netty URI needs it (IPv6 bracketed). */
  public static final String TARGET_HOST = "MulticastTargetHost";

  /** The exchange property holding the target port, for the netty URI. */
  public static final String TARGET_PORT = "MulticastTargetPort";

  /** The exchange property holding the {@link Group} the datagram went to. */
  public static final String SENT_TO = "MulticastSentTo";

  /** The exchange property holding the datagram's size in bytes. */
  public static final String SENT_BYTES = "MulticastSentBytes";

  private String group;
  private int port;
  private String site;
  private String iface = "";
  private volatile boolean[] families; // [IPv4, IPv6] addresses on iface; null: not known
  private String envelope = "none";
  private String keyFile = "";
  private EnvelopeDataFormat sealing; // null: the body goes out as it is

  /**
   * Sets the group the sink sends to.
   *
   * @param group a multicast address literal
   * @throws IllegalArgumentException naming a text that is not one
   */
  public void setGroup(String group) {
    this.group = Group.multicastAddress(group.trim()).getHostAddress();
  }

  /**
   * Sets the group's UDP port.
   *
   * @param port 1 to 65535
   * @throws IllegalArgumentException naming a port out of range
   */
  public void setPort(int port) {
    this.port = Group.parsePort(Integer.toString(port));
  }

  /**
   * Sets the interface the sink sends on.
   *
   * @param iface its name; null or empty when the operating system picks it
   */
  public void setIface(String iface) {
    this.iface = iface == null ? "" : iface.trim();
  }

  /**
   * Sets this bridge's site; see {@link Site}.
   *
   * @param site such as {@code 172.18.0.0/16}
   */
  public void setSite(String site) {
    this.site = site;
  }

  /**
   * Sets the envelope the datagrams go out in.
   *
   * @param envelope {@code none} (the default), {@code auth}, {@code seal} or {@code seq}, in any
   *     case
   */
  public void setEnvelope(String envelope) {
    this.envelope = envelope;
  }

  /**
   * Sets the group key file of {@code auth} and {@code seal}.
   *
   * @param keyFile its path; empty for the other envelopes
   */
  public void setKeyFile(String keyFile) {
    this.keyFile = keyFile;
  }

  /**
   * The envelope a sink wraps its datagrams in, with its key file read, or null for {@code none}.
   *
   * @throws IllegalArgumentException naming the bad setting
   * @throws dev.multicast.security.KeyFileException naming the key file and what is wrong with it
   */
  static EnvelopeDataFormat sealing(String envelope, String keyFile) {
    String mode = envelope == null ? "" : envelope.trim().toLowerCase(Locale.ROOT);
    boolean hasKeyFile = keyFile != null && !keyFile.isBlank();
    if (mode.isEmpty() || mode.equals("none")) {
      if (hasKeyFile) {
        throw new IllegalArgumentException(
            "keyFile is " + keyFile + " but envelope is none (expected envelope auth or seal)");
      }
      return null;
    }
    EnvelopeDataFormat format = new EnvelopeDataFormat();
    format.setMode(mode);
    format.setKeyFile(hasKeyFile ? keyFile.trim() : null);
    format.init();
    return format;
  }

  /** Reads the key file once: a route that restarts keeps its sender id and sequence. */
  @Override
  protected void doInit() {
    if (sealing == null) {
      sealing = sealing(envelope, keyFile);
    }
  }

  @Override
  public void process(Exchange exchange) throws InvalidPayloadException {
    Message in = exchange.getMessage();
    Group target = target(in);
    // Without a site (a relay between interfaces, say) there is no loop to detect.
    if (site != null
        && !site.isEmpty()
        && Objects.equals(in.getHeader(MulticastHeaders.SITE, String.class), site)
        && target.host().equals(in.getHeader(MulticastHeaders.GROUP, String.class))
        && Integer.valueOf(target.port())
            .equals(in.getHeader(MulticastHeaders.PORT, Integer.class))) {
      MulticastMetrics.dropped(exchange.getContext(), target.host(), target.port(), "loop");
      exchange.setRouteStop(true);
      return;
    }
    byte[] payload = in.getMandatoryBody(byte[].class);
    if (sealing != null) {
      payload = sealing.seal(payload);
    }
    if (payload.length > Datagram.MAX_PAYLOAD) {
      throw UnsendableMessageException.tooLarge(
          "a message of "
              + payload.length
              + " bytes is larger than one datagram can carry (at most "
              + Datagram.MAX_PAYLOAD
              + " bytes)");
    }
    in.setBody(payload);
    // The target is this sink's alone: a later sink or JMS step must not inherit it.
    in.removeHeaders("MulticastTarget*");
    exchange.setProperty(TARGET_HOST, target.isIpv6() ? "[" + target.host() + "]" : target.host());
    exchange.setProperty(TARGET_PORT, target.port());
    exchange.setProperty(SENT_TO, target);
    exchange.setProperty(SENT_BYTES, payload.length);
    MulticastMetrics.out(exchange.getContext(), target.host(), target.port(), payload.length);
  }

  /**
   * The message's target headers, checked as the HTTP route checks its query parameters, or the
   * sink's own group; a group of a family the interface has no address of is refused here, where
   * the operating system would only say "Network is unreachable".
   */
  private Group target(Message in) {
    Object targetGroup = in.getHeader(MulticastHeaders.TARGET_GROUP);
    Object targetPort = in.getHeader(MulticastHeaders.TARGET_PORT);
    Group target =
        new Group(
            targetGroup == null
                ? Group.multicastAddress(group)
                : header(MulticastHeaders.TARGET_GROUP, targetGroup, Group::multicastAddress),
            targetPort == null
                ? port
                : header(MulticastHeaders.TARGET_PORT, targetPort, Group::parsePort));
    if (!hasFamilyOf(target)) {
      throw UnsendableMessageException.badTarget(
          "group "
              + target.host()
              + " cannot be reached on interface "
              + iface
              + ", which has no "
              + (target.isIpv6() ? "IPv6" : "IPv4")
              + " address (expected an "
              + (target.isIpv6() ? "IPv4 group such as 239.1.2.3" : "IPv6 group such as ff15::1")
              + ")");
    }
    return target;
  }

  /** A target header's value, parsed; a bad one refuses the message, naming the header. */
  private static <T> T header(String name, Object value, Function<String, T> parse) {
    try {
      return parse.apply(value.toString().trim());
    } catch (IllegalArgumentException e) {
      throw UnsendableMessageException.badTarget("header " + name + ": " + e.getMessage());
    }
  }

  /**
   * Whether the interface has an address of the group's family. Read once, and again only when it
   * seems not to, so that an address added since is seen without a lookup per message.
   */
  private boolean hasFamilyOf(Group target) {
    if (iface.isEmpty()) {
      return true;
    }
    int family = target.isIpv6() ? 1 : 0;
    boolean[] known = families;
    if (known != null && known[family]) {
      return true;
    }
    try {
      NetworkInterface nif = NetworkInterface.getByName(iface);
      if (nif == null) {
        return true; // gone: the send says so, and the route may recover when it is back
      }
      boolean[] now = new boolean[2];
      nif.inetAddresses().forEach(a -> now[a instanceof Inet6Address ? 1 : 0] = true);
      families = now;
      return now[family];
    } catch (SocketException e) {
      return true;
    }
  }
}
