package dev.multicast.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.testing.Loopback;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor's event stream on a real bridge is bounded: a few pages at a time, a one-line 503
 * past that, and room again when one closes. Its answers never repeat what a request said.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorEventsTest {
  /** The bound, as docs/operations.md states it. */
  private static final int MAX_STREAMS = 8;

  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir static Path data;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<InputStream> streams = new ArrayList<>();
  private RunningBridge bridge;

  @BeforeAll
  void start() throws Exception {
    bridge = RunningBridge.start(data, Loopback.group());
  }

  @AfterEach
  void closeStreams() throws Exception {
    for (InputStream stream : streams) {
      stream.close();
    }
    streams.clear();
  }

  @AfterAll
  void stop() throws Exception {
    bridge.close();
  }

  @Test
  void aStreamPastTheBoundGetsA503LineUntilAnotherCloses() throws Exception {
    for (int i = 0; i < MAX_STREAMS; i++) {
      streams.add(openStream());
    }

    HttpResponse<String> refused = get("/monitor/events");
    assertEquals(503, refused.statusCode());
    assertEquals("too many monitor pages open (at most 8); close one and reload\n", refused.body());

    streams.remove(0).close();
    await().atMost(WAIT).until(this::tryOpen);
  }

  @Test
  void aStreamStartsWithTheStateAndItsHistory() throws Exception {
    InputStream stream = openStream();
    String event = firstEvent(stream);
    assertTrue(event.startsWith("data: {\"time\":"), event);
    assertTrue(event.contains("\"history\":{\"times\":["), event);
  }

  @Test
  void aPathItDoesNotServeIsNotEchoed() throws Exception {
    HttpResponse<String> response = get("/monitor/%3Cscript%3Ealert(1)%3C%2Fscript%3E");
    assertEquals(404, response.statusCode());
    assertFalse(response.body().contains("script"), response.body());
  }

  @Test
  void thePageAllowsOnlyItsOwnScripts() throws Exception {
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(policy.contains("script-src 'self'"), policy);
    assertFalse(page.body().contains("http://") || page.body().contains("https://"), "a CDN");
  }

  /** Opens one more stream if the bridge takes it; kept open until the test ends. */
  private boolean tryOpen() throws Exception {
    HttpResponse<InputStream> response =
        http.send(request("/monitor/events"), HttpResponse.BodyHandlers.ofInputStream());
    streams.add(response.body());
    return response.statusCode() == 200;
  }

  private InputStream openStream() throws Exception {
    HttpResponse<InputStream> response =
        http.send(request("/monitor/events"), HttpResponse.BodyHandlers.ofInputStream());
    streams.add(response.body());
    assertEquals(200, response.statusCode());
    assertEquals(
        "text/event-stream; charset=utf-8",
        response.headers().firstValue("Content-Type").orElse(""));
    return response.body();
  }

  /** The stream's first {@code data:} line. */
  private static String firstEvent(InputStream stream) throws Exception {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.startsWith("data: ")) {
        return line;
      }
    }
    throw new AssertionError("the stream ended without an event");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(request(path), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(bridge.management(path)).timeout(WAIT).GET().build();
  }
}
