package dev.multicast.bridge;

import dev.multicast.core.Group;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything {@code multicast bridge} runs with.
 *
 * @param routes route files and directories; empty runs the default routes
 * @param brokerUrl an external broker, or null to run the embedded one
 * @param brokerPort the embedded broker's port on 127.0.0.1
 * @param group the group and port routes use by default ({@code multicast.group}, {@code
 *     multicast.port})
 * @param iface the interface routes join and send on ({@code multicast.iface})
 * @param ttl the TTL sinks send with ({@code multicast.ttl})
 * @param site the network name used for loop prevention ({@code multicast.site})
 * @param httpHost where {@code POST /say} and other HTTP routes listen
 * @param httpPort their port
 * @param managementPort the port of health and metrics, on {@code httpHost}
 * @param dataDir the embedded broker's journal and the dead letters live below it
 * @param properties more properties for the routes, read as {@code {{key}}}
 */
public record BridgeSettings(
    List<Path> routes,
    String brokerUrl,
    int brokerPort,
    Group group,
    NetworkInterface iface,
    int ttl,
    String site,
    String httpHost,
    int httpPort,
    int managementPort,
    Path dataDir,
    Map<String, String> properties) {

  public static final String EMBEDDED_HOST = "127.0.0.1";

  public Path brokerDir() {
    return dataDir.resolve("broker");
  }

  public Path deadLetterDir() {
    return dataDir.resolve("dead-letter");
  }
}
