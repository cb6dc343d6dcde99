package dev.multicast.camel;

import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The step before a multicast sink: picks the target group (the message's {@link
 * MulticastHeaders#TARGET_GROUP} and {@link MulticastHeaders#TARGET_PORT}, else the sink's own),
 * turns the body into the datagram's bytes, and drops a message that a source on this site took
 * from that very group, which would otherwise loop between bridges.
 */
public class MulticastOutbound implements Processor {
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

  public void setGroup(String group) {
    this.group = Group.multicastAddress(group.trim()).getHostAddress();
  }

  public void setPort(int port) {
    this.port = Group.parsePort(Integer.toString(port));
  }

  public void setSite(String site) {
    this.site = site;
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
      BridgeMetrics.dropped(exchange.getContext(), target.host(), target.port(), "loop");
      exchange.setRouteStop(true);
      return;
    }
    byte[] payload = in.getMandatoryBody(byte[].class);
    if (payload.length > Datagram.MAX_PAYLOAD) {
      throw new IllegalArgumentException(
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
    BridgeMetrics.out(exchange.getContext(), target.host(), target.port(), payload.length);
  }

  private Group target(Message in) {
    String targetGroup = in.getHeader(MulticastHeaders.TARGET_GROUP, String.class);
    Integer targetPort = in.getHeader(MulticastHeaders.TARGET_PORT, Integer.class);
    return Group.of(
        targetGroup != null ? targetGroup.trim() : group, targetPort != null ? targetPort : port);
  }
}
