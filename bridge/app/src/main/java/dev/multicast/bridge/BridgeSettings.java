package dev.multicast.bridge;

import dev.multicast.core.Addresses;
import dev.multicast.core.Group;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code multicast bridge} runs with.
 *
 * @param routes route files and directories; empty runs the default routes
 * @param brokerUrl an external broker, or null to run the embedded one
 * @param brokerPort the embedded broker's port, on {@code listenHost}
 * @param group the group and port routes use by default ({@code multicast.group}, {@code
 *     multicast.port})
 * @param iface the interface routes join and send on ({@code multicast.iface})
 * @param ttl the TTL sinks send with ({@code multicast.ttl})
 * @param site the network name used for loop prevention ({@code multicast.site})
 * @param listenHost where the embedded broker, {@code POST /say} and other HTTP routes, and health
 *     and metrics listen
 * @param httpPort the port of the HTTP routes
 * @param managementPort the port of health and metrics
 * @param dataDir the embedded broker's journal and the dead letters live below it
 * @param properties more properties for the routes, read as {@code {{key}}}
 * @param kafka the Kafka cluster the default routes run on instead of JMS, or null for JMS
 */
public record BridgeSettings(
    List<Path> routes,
    String brokerUrl,
    int brokerPort,
    Group group,
    NetworkInterface iface,
    int ttl,
    String site,
    String listenHost,
    int httpPort,
    int managementPort,
    Path dataDir,
    Map<String, String> properties,
    KafkaConnection kafka) {

  /** Only this machine can reach the broker and the HTTP ports unless told otherwise. */
  public static final String LOOPBACK = "127.0.0.1";

  /** Artemis's own default port: clients that assume it find the embedded broker. */
  public static final int DEFAULT_BROKER_PORT = 61616;

  /** Where clients on this host reach the embedded broker when nothing else is said. */
  public static final String DEFAULT_BROKER_URL = "tcp://" + LOOPBACK + ":" + DEFAULT_BROKER_PORT;

  public static final int DEFAULT_HTTP_PORT = 8080;

  /** Where the monitor page, health and metrics are served unless told otherwise. */
  public static final int DEFAULT_MANAGEMENT_PORT = 9876;

  /** Whether the bridge runs its own Artemis broker: neither an external one nor Kafka given. */
  public boolean embedsBroker() {
    return brokerUrl == null && kafka == null;
  }

  /** Where the bridge's own clients reach the embedded broker. */
  public String embeddedBrokerUrl() {
    InetSocketAddress listen = new InetSocketAddress(listenHost, brokerPort);
    InetSocketAddress local =
        listen.getAddress().isAnyLocalAddress()
            ? new InetSocketAddress(LOOPBACK, brokerPort)
            : listen;
    return "tcp://" + Addresses.text(local);
  }

  public Path brokerDir() {
    return dataDir.resolve("broker");
  }

  public Path deadLetterDir() {
    return dataDir.resolve("dead-letter");
  }
}
