package dev.multicast.camel;

import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import java.util.Locale;
import java.util.Objects;
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
  private String envelope = "none";
  private String keyFile = "";
  private EnvelopeDataFormat sealing; // null: the body goes out as it is

  public void setGroup(String group) {
    this.group = Group.multicastAddress(group.trim()).getHostAddress();
  }

  public void setPort(int port) {
    this.port = Group.parsePort(Integer.toString(port));
  }

  public void setSite(String site) {
    this.site = site;
  }

  /** {@code none} (the default), {@code auth}, {@code seal} or {@code seq}, in any case. */
  public void setEnvelope(String envelope) {
    this.envelope = envelope;
  }

  /** The group key file of {@code auth} and {@code seal}; empty otherwise. */
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
      BridgeMetrics.dropped(exchange.getContext(), target.host(), target.port(), "loop");
      exchange.setRouteStop(true);
      return;
    }
    byte[] payload = in.getMandatoryBody(byte[].class);
    if (sealing != null) {
      payload = sealing.seal(payload);
    }
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
