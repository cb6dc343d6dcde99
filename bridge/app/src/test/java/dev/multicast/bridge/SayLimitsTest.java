package dev.multicast.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.camel.MulticastMetrics;
import dev.multicast.testing.Loopback;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** What an HTTP client can make the bridge hold: one real bridge, real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SayLimitsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** More targets than the sink keeps senders for and the metrics keep series for. */
  private static final int TARGETS = 200;

  @TempDir static Path data;
  private RunningBridge bridge;

  @BeforeAll
  void startBridge() throws Exception {
    bridge = RunningBridge.start(data, Loopback.group());
  }

  @AfterAll
  void stopBridge() throws Exception {
    bridge.close();
  }

  @Test
  void postsToManyTargetsKeepTheBridgesSocketsAndThreadsBounded() throws Exception {
    long socketsBefore = sockets();
    long threadsBefore = threads();
    for (int i = 0; i < TARGETS; i++) {
      assertEquals(202, post("/say?port=" + (40_000 + i), "x").statusCode());
    }
    // Without a bound, each target kept a socket and a thread of its own: 200 of each.
    assertTrue(sockets() - socketsBefore < 40, (sockets() - socketsBefore) + " more sockets");
    assertTrue(threads() - threadsBefore < 40, (threads() - threadsBefore) + " more threads");
  }

  @Test
  void postsToManyTargetsKeepTheMetricSeriesBounded() throws Exception {
    for (int i = 0; i < TARGETS; i++) {
      assertEquals(202, post("/say?port=" + (45_000 + i), "x").statusCode());
    }
    String metrics = get(bridge.management("/observe/metrics")).body();
    long series =
        metrics.lines().filter(line -> line.startsWith("multicast_datagrams_out_total{")).count();
    assertTrue(series <= MulticastMetrics.MAX_TARGETS + 1, series + " series");
    assertTrue(
        bridge.counter("multicast_datagrams_out_total{group=\"other\",port=\"other\"}")
            >= TARGETS - MulticastMetrics.MAX_TARGETS,
        metrics);
  }

  /** Sockets this JVM, and so the bridge in it, holds open. */
  private static long sockets() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(
              fd -> {
                try {
                  return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                  return false;
                }
              })
          .count();
    }
  }

  private static long threads() throws IOException {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      return tasks.count();
    }
  }

  /** A text/plain POST, with any further headers as name, value, name, value... */
  private HttpResponse<String> post(String pathAndQuery, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(bridge.http(pathAndQuery))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(java.net.URI uri) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
