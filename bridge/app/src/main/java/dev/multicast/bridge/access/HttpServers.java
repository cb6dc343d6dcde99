package dev.multicast.bridge.access;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/** The HTTP servers Camel Main runs for the bridge: the routes' and the management port's. */
final class HttpServers {
  private HttpServers() {}

  /**
   * Each server's configuration, with whether it is the management one; set before the context
   * starts, which is when the servers read them.
   */
  static Map<VertxPlatformHttpServerConfiguration, Boolean> of(CamelContext context) {
    Map<VertxPlatformHttpServerConfiguration, Boolean> servers = new LinkedHashMap<>();
    MainHttpServer http = context.hasService(MainHttpServer.class);
    if (http != null) {
      servers.put(http.getConfiguration(), false);
    }
    ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
    if (management != null) {
      servers.put(management.getConfiguration(), true);
    }
    return servers;
  }

  /** Serves both over TLS with this key. */
  static void useTls(CamelContext context, Tls tls) {
    of(context).keySet().forEach(server -> server.setSslContextParameters(tls.httpParameters()));
  }
}
