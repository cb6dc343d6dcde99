package dev.multicast.bridge;

import dev.multicast.camel.Site;
import dev.multicast.core.Group;
import dev.multicast.testing.Loopback;
import dev.multicast.testing.Ports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;

/**
 * A real bridge, in this JVM, on {@code lo}, with free ports of its own, for one test. Closing it
 * stops it the way a signal would: routes drain, then the broker stops.
 */
public final class RunningBridge implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final MulticastBridge bridge;
  private final BridgeSettings settings;
  private final Thread thread;
  private final StringWriter out = new StringWriter();
  private volatile Throwable failure;

  private RunningBridge(BridgeSettings settings) {
    this.settings = settings;
    this.bridge = new MulticastBridge(settings, new PrintWriter(out, true));
    this.thread =
        new Thread(
            () -> {
              try {
                bridge.run();
              } catch (Throwable e) {
                failure = e;
              }
            },
            "bridge-under-test");
  }

  /** The default routes on the embedded broker. */
  public static RunningBridge start(Path data, Group group) throws Exception {
    return start(data, group, null, List.of(), Map.of());
  }

  static RunningBridge start(
      Path data, Group group, String brokerUrl, List<Path> routes, Map<String, String> properties)
      throws Exception {
    return start(data, group, brokerUrl, routes, properties, Site.of(Loopback.iface()));
  }

  static RunningBridge start(
      Path data,
      Group group,
      String brokerUrl,
      List<Path> routes,
      Map<String, String> properties,
      String site)
      throws Exception {
    BridgeSettings settings =
        new BridgeSettings(
            routes,
            brokerUrl,
            Ports.free(),
            group,
            Loopback.iface(),
            1,
            site,
            BridgeSettings.LOOPBACK,
            Ports.free(),
            Ports.free(),
            data,
            properties);
    RunningBridge running = new RunningBridge(settings);
    running.thread.start();
    running.awaitStarted();
    return running;
  }

  private void awaitStarted() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (failure != null) {
        throw new IllegalStateException("bridge failed: " + failure.getMessage(), failure);
      }
      if (out.toString().contains("multicast bridge:")) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("bridge did not start: " + out);
  }

  String brokerUrl() {
    return settings.brokerUrl() != null
        ? settings.brokerUrl()
        : "tcp://127.0.0.1:" + settings.brokerPort();
  }

  URI http(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + settings.httpPort() + pathAndQuery);
  }

  public URI management(String path) {
    return URI.create("http://127.0.0.1:" + settings.managementPort() + path);
  }

  /**
   * A counter's value on {@code /observe/metrics}, such as {@code
   * multicast_dropped_total{group="239.255.0.1",port="50001",reason="loop"}}; 0 when it is not
   * there yet.
   */
  public double counter(String counter) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(management("/observe/metrics")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("/observe/metrics answered " + response.statusCode());
    }
    return response
        .body()
        .lines()
        .filter(line -> line.startsWith(counter + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(counter.length() + 1).trim()))
        .findFirst()
        .orElse(0);
  }

  BridgeSettings settings() {
    return settings;
  }

  CamelContext camel() {
    return bridge.camelContext();
  }

  String output() {
    return out.toString();
  }

  @Override
  public void close() throws Exception {
    bridge.stop();
    thread.join(TimeUnit.SECONDS.toMillis(30));
    if (failure != null && !(failure instanceof InterruptedException)) {
      throw new IllegalStateException("bridge failed: " + failure.getMessage(), failure);
    }
  }
}
