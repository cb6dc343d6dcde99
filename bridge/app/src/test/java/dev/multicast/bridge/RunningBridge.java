package dev.multicast.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.bridge.access.Access;
import dev.multicast.camel.Site;
import dev.multicast.core.Group;
import dev.multicast.security.GroupKey;
import dev.multicast.testing.Loopback;
import dev.multicast.testing.Ports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

  private RunningBridge(BridgeSettings settings, Access access) {
    this.settings = settings;
    this.bridge = new MulticastBridge(settings, access, new PrintWriter(out, true));
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
    return start(data, group, brokerUrl, routes, properties, site, null, Access.ANONYMOUS);
  }

  /**
   * The keyed example routes, group to topic and back, with {@code key} written to {@code
   * data/group.key}; the bridge's own data below {@code data/bridge}.
   */
  static RunningBridge keyed(Path data, Group group, GroupKey key) throws Exception {
    Path keyFile = data.resolve("group.key");
    key.write(keyFile);
    return start(
        data.resolve("bridge"),
        group,
        null,
        Stream.of("keyed-multicast-to-topic.camel.yaml", "topic-to-keyed-multicast.camel.yaml")
            .map(Routes::example)
            .toList(),
        Map.of("multicast.key-file", keyFile.toString()));
  }

  /**
   * The routes (the Kafka defaults when none are given) on the Kafka cluster at {@code servers}.
   */
  static RunningBridge onKafka(
      Path data,
      Group group,
      String servers,
      List<Path> routes,
      Map<String, String> properties,
      String site)
      throws Exception {
    return start(
        data,
        group,
        null,
        routes,
        properties,
        site,
        new KafkaConnection(servers, null),
        Access.ANONYMOUS);
  }

  /** The default routes, with who may use the bridge and who it is to its broker. */
  static RunningBridge start(Path data, Group group, String brokerUrl, Access access)
      throws Exception {
    return start(
        data, group, brokerUrl, List.of(), Map.of(), Site.of(Loopback.iface()), null, access);
  }

  private static RunningBridge start(
      Path data,
      Group group,
      String brokerUrl,
      List<Path> routes,
      Map<String, String> properties,
      String site,
      KafkaConnection kafka,
      Access access)
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
            properties,
            kafka);
    RunningBridge running = new RunningBridge(settings, access);
    running.thread.start();
    running.awaitStarted();
    return running;
  }

  private void awaitStarted() {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(20))
        .failFast(
            () -> {
              if (failure != null) {
                throw new IllegalStateException("bridge failed: " + failure.getMessage(), failure);
              }
            })
        .untilAsserted(
            () -> assertTrue(out.toString().contains("multicast bridge:"), "not started: " + out));
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

  /** A text/plain POST to the bridge, with any further headers as name, value, name, value... */
  HttpResponse<String> post(String pathAndQuery, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(http(pathAndQuery))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A plain GET, its body as text. */
  static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A counter's value on {@code /observe/metrics}, such as {@code
   * multicast_dropped_total{group="239.255.0.1",port="50001",reason="loop"}}; 0 when it is not
   * there yet.
   */
  public double counter(String counter) throws IOException, InterruptedException {
    return metrics()
        .filter(line -> line.startsWith(counter + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(counter.length() + 1).trim()))
        .findFirst()
        .orElse(0);
  }

  /**
   * The exchanges a route has completed, those its error handler dealt with included, from Camel's
   * {@code camel_exchanges_total} on {@code /observe/metrics}; 0 before the first.
   */
  long exchangesDone(String routeId) throws IOException, InterruptedException {
    return metrics()
        .filter(line -> line.startsWith("camel_exchanges_total{"))
        .filter(line -> line.contains("routeId=\"" + routeId + "\""))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElse(0);
  }

  private Stream<String> metrics() throws IOException, InterruptedException {
    HttpResponse<String> response = get(management("/observe/metrics"));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("/observe/metrics answered " + response.statusCode());
    }
    return response.body().lines();
  }

  /** The name and labels of the counter of datagrams the bridge took from {@code group}. */
  static String datagramsIn(Group group) {
    return "multicast_datagrams_in_total{group=\""
        + group.host()
        + "\",port=\""
        + group.port()
        + "\"}";
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

  /** The reasons of the dead letters written so far, one {@code <id>.txt} each. */
  List<Path> deadLetterReasons() throws IOException {
    try (Stream<Path> files = Files.list(settings.deadLetterDir())) {
      return files.filter(f -> f.toString().endsWith(".txt")).toList();
    }
  }

  /**
   * Stops the bridge and checks that the stop kept to its bound (docs/bridging.md says at most 15
   * s; the margin is for a loaded machine, not for the design).
   */
  void closeWithinBound() throws Exception {
    long stopping = System.nanoTime();
    close();
    Duration stop = Duration.ofNanos(System.nanoTime() - stopping);
    assertTrue(stop.compareTo(Duration.ofSeconds(20)) < 0, "stopping took " + stop);
  }

  /** Checks that the stopped bridge dead-lettered {@code count} datagrams, each for its stop. */
  void assertDeadLetteredAtStop(int count) throws IOException {
    List<Path> reasons = deadLetterReasons();
    assertEquals(count, reasons.size(), output());
    for (Path reason : reasons) {
      assertTrue(
          Files.readString(reason).startsWith("reason: " + MulticastBridge.SHUTDOWN_REASON + "\n"),
          Files.readString(reason));
    }
    assertTrue(
        output()
            .contains(
                "multicast bridge: stopped with " + count + " datagrams the broker did not take"),
        output());
  }

  /** Waits until the bridge has stopped on its own: what it ended with, or null. */
  Throwable awaitEnd(Duration within) throws InterruptedException {
    thread.join(within.toMillis());
    if (thread.isAlive()) {
      throw new AssertionError("the bridge still runs: " + out);
    }
    return failure;
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
