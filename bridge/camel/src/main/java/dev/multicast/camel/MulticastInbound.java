package dev.multicast.camel;

import dev.multicast.core.Addresses;
import dev.multicast.core.Group;
import java.net.InetSocketAddress;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.netty.NettyConstants;

/**
 * The first step after a multicast source: drops the emissions of this context's own sinks ({@link
 * Emitters}) unless told to receive them, and sets the {@link MulticastHeaders} on everything else.
 */
public class MulticastInbound implements Processor {
  private static final String NETTY_HEADERS = "CamelNetty";

  private String group;
  private int port;
  private String site;
  private boolean receiveOwn;
  private volatile Emitters emitters;
  private volatile MulticastMetrics.Flow flow;

  /**
   * Sets the group this step's source receives.
   *
   * @param group a multicast address literal
   * @throws IllegalArgumentException naming a text that is not one
   */
  public void setGroup(String group) {
    this.group = Addresses.text(Group.multicastAddress(group.trim()));
  }

  /**
   * Sets the source's UDP port.
   *
   * @param port 1 to 65535
   * @throws IllegalArgumentException naming a port out of range
   */
  public void setPort(int port) {
    this.port = Group.parsePort(Integer.toString(port));
  }

  /**
   * Sets the site put on each message as {@link MulticastHeaders#SITE}; see {@link Site}.
   *
   * @param site the bridge's site, such as {@code 172.18.0.0/16}
   */
  public void setSite(String site) {
    this.site = site;
  }

  /**
   * Sets whether datagrams that this context's own multicast sinks sent are received too.
   *
   * @param receiveOwn true to receive them; false (default) drops them, against loops
   */
  public void setReceiveOwn(boolean receiveOwn) {
    this.receiveOwn = receiveOwn;
  }

  @Override
  public void process(Exchange exchange) {
    Message in = exchange.getMessage();
    InetSocketAddress sender =
        in.getHeader(NettyConstants.NETTY_REMOTE_ADDRESS, InetSocketAddress.class);
    if (sender != null && !receiveOwn && isOwn(exchange, sender)) {
      MulticastMetrics.dropped(exchange.getContext(), group, port, "own-emission");
      exchange.setRouteStop(true);
      return;
    }
    byte[] payload = in.getBody(byte[].class);
    MulticastMetrics.Flow counted = flow;
    if (counted == null) {
      // Races only make the same look-up twice.
      counted = flow = MulticastMetrics.in(exchange.getContext(), group, port);
    }
    counted.count(payload == null ? 0 : payload.length);
    if (sender != null) {
      in.setHeader(MulticastHeaders.SOURCE_ADDRESS, Addresses.text(sender.getAddress()));
      in.setHeader(MulticastHeaders.SOURCE_PORT, sender.getPort());
    }
    in.setHeader(MulticastHeaders.GROUP, group);
    in.setHeader(MulticastHeaders.PORT, port);
    in.setHeader(MulticastHeaders.RECEIVED_AT, System.currentTimeMillis());
    in.setHeader(MulticastHeaders.SITE, site);
    // Netty's own headers are objects that neither JMS nor HTTP can carry. (removeHeaders with a
    // pattern compiles a regular expression for every other header: a third of this thread's time.)
    in.getHeaders().keySet().removeIf(name -> name.startsWith(NETTY_HEADERS));
  }

  private boolean isOwn(Exchange exchange, InetSocketAddress sender) {
    Emitters own = emitters;
    if (own == null) {
      own = emitters = Emitters.of(exchange.getContext());
    }
    return own.isOwn(sender, Addresses.isLocal(sender.getAddress()));
  }
}
