package dev.multicast.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.camel.MulticastMetrics;
import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.core.Receiver;
import dev.multicast.testing.Loopback;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an HTTP client can make the bridge hold, and what it answers to requests it refuses: one
 * real bridge, real HTTP from java.net.http and raw sockets.
 */
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
      assertEquals(202, bridge.post("/say?port=" + (40_000 + i), "x").statusCode());
    }
    // Without a bound, each target kept a socket and a thread of its own: 200 of each.
    assertTrue(sockets() - socketsBefore < 40, (sockets() - socketsBefore) + " more sockets");
    assertTrue(threads() - threadsBefore < 40, (threads() - threadsBefore) + " more threads");
  }

  @Test
  void postsToManyTargetsKeepTheMetricSeriesBounded() throws Exception {
    for (int i = 0; i < TARGETS; i++) {
      assertEquals(202, bridge.post("/say?port=" + (45_000 + i), "x").statusCode());
    }
    String metrics = RunningBridge.get(bridge.management("/observe/metrics")).body();
    long series =
        metrics.lines().filter(line -> line.startsWith("multicast_datagrams_out_total{")).count();
    assertTrue(series <= MulticastMetrics.MAX_TARGETS + 1, series + " series");
    assertTrue(
        bridge.counter("multicast_datagrams_out_total{group=\"other\",port=\"other\"}")
            >= TARGETS - MulticastMetrics.MAX_TARGETS,
        metrics);
  }

  @Test
  void aBodyDeclaredLargerThanADatagramIsRefusedBeforeItIsSent() throws Exception {
    // Only the head: the answer comes without the 10 MB body.
    String answer =
        raw(
            "POST /say HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                + "Content-Length: 10000000\r\n\r\n");
    assertAnswer(
        answer,
        413,
        "\r\n\r\nthe request body is larger than one datagram can carry (at most 65507 bytes)\n");
  }

  @Test
  void aChunkedBodyLargerThanADatagramGetsTheSame413WithoutAnErrorInTheLog() throws Throwable {
    String log =
        Stderr.during(
            () -> {
              HttpResponse<String> response =
                  HTTP.send(
                      HttpRequest.newBuilder(bridge.http("/say"))
                          .header("Content-Type", "text/plain")
                          .POST(
                              HttpRequest.BodyPublishers.ofInputStream(
                                  () ->
                                      new java.io.ByteArrayInputStream(
                                          new byte[Datagram.MAX_PAYLOAD + 1])))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              assertEquals(413, response.statusCode());
              assertEquals(
                  "the request body is larger than one datagram can carry (at most 65507 bytes)\n",
                  response.body());
            });
    assertFalse(log.contains("ERROR"), log);
  }

  @Test
  void anIdleConnectionIsClosed() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", bridge.settings().httpPort())) {
      socket.setSoTimeout((int) HttpGuard.IDLE_TIME.plusSeconds(10).toMillis());
      assertEquals(-1, socket.getInputStream().read(), "the bridge closed the connection");
    }
  }

  @Test
  void aBodySentTooSlowlyGets408AndTheConnectionClosedWithoutAnErrorInTheLog() throws Throwable {
    String log = Stderr.during(this::sendABodyTooSlowly);
    assertFalse(log.contains("ERROR"), log);
  }

  private void sendABodyTooSlowly() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", bridge.settings().httpPort())) {
      socket.setSoTimeout((int) HttpGuard.REQUEST_TIME.plusSeconds(10).toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(
          "POST /say HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\nx"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = readAll(socket.getInputStream());
      assertAnswer(answer, 408, " s (expected the whole request at once)\n");
    }
  }

  @Test
  void aFormBodyIsSentAsItsRawBytesWhateverTheCaseOfItsType() throws Exception {
    Group group = Loopback.group();
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options())) {
      for (String type :
          List.of("application/x-www-form-urlencoded", "APPLICATION/X-WWW-FORM-URLENCODED")) {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(bridge.http(target(group)))
                    .header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString("hello=world&x"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, response.statusCode(), type + ": " + response.body());
        assertEquals("hello=world&x", receiver.receive(WAIT).orElseThrow().text(), type);
      }
    }
  }

  @Test
  void aMultipartBodyGets415SayingWhatToSendInstead() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(bridge.http("/say"))
                .header("Content-Type", "multipart/form-data; boundary=b")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--b--\r\n"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(415, response.statusCode());
    assertEquals(
        "a multipart body is not a message (expected the message as the raw request body: curl"
            + " --data-binary @FILE or -d 'TEXT', not -F)\n",
        response.body());
  }

  @Test
  void spoofedLoopHeadersAreRefusedWith409AndNothingIsEchoed() throws Exception {
    Group group = bridge.settings().group();
    HttpResponse<String> response =
        bridge.post(
            "/say",
            "secret body",
            "MulticastSite",
            bridge.settings().site(),
            "MulticastGroup",
            group.host(),
            "MulticastPort",
            Integer.toString(group.port()),
            "X-Anything",
            "reflected?");
    assertEquals(409, response.statusCode());
    assertEquals("not sent: it would loop back to the group it came from\n", response.body());
    assertTrue(response.headers().map().keySet().stream().noneMatch(this::fromTheRequest));
  }

  @Test
  void aSentMessageIsAnsweredWithoutTheRequestsHeaders() throws Exception {
    HttpResponse<String> response = bridge.post("/say", "x", "X-Anything", "reflected?");
    assertEquals(202, response.statusCode());
    assertTrue(response.headers().map().keySet().stream().noneMatch(this::fromTheRequest));
  }

  private boolean fromTheRequest(String header) {
    return header.equalsIgnoreCase("X-Anything") || header.toLowerCase().startsWith("multicast");
  }

  @Test
  void aQueryThatIsNotUrlEncodingGets400InOneLineAndNoTraceInTheLog() throws Throwable {
    String log =
        Stderr.during(
            () -> {
              // Raw: java.net.URI refuses to make such a request.
              String answer =
                  raw(
                      "POST /say?x=%ZZ HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                          + "Content-Length: 1\r\n\r\nx");
              assertAnswer(
                  answer,
                  400,
                  "\r\n\r\nthe query is not valid URL encoding (expected name=value pairs,"
                      + " with %XX for other bytes)\n");
            });
    assertFalse(log.contains("Exception"), log);
  }

  @Test
  void groupsAndPortsMustBeWrittenExactly() throws Exception {
    for (String query :
        List.of(
            "group=239.1.1.1%00",
            "group=239.001.001.001",
            "group=%20239.1.1.1",
            "port=+5000",
            "port=%2B5000",
            "port=%205000",
            "port=05000")) {
      HttpResponse<String> response = bridge.post("/say?" + query, "x");
      assertEquals(400, response.statusCode(), query + ": " + response.body());
      assertEquals(1, response.body().lines().count(), response.body());
      assertFalse(response.body().contains("\0"), response.body());
    }
  }

  @Test
  void aMethodNotAllowedIsNamedWithTheAllowedOnes() throws Exception {
    HttpResponse<String> response = RunningBridge.get(bridge.http("/say"));
    assertEquals(405, response.statusCode());
    assertEquals(List.of("POST"), response.headers().allValues("Allow"));
    assertEquals("GET is not served here (expected POST)\n", response.body());
  }

  private static String target(Group group) {
    return "/say?group=" + group.host() + "&port=" + group.port();
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

  /** One request over a socket of its own, and all the bridge answers until it closes. */
  private String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", bridge.settings().httpPort())) {
      socket.setSoTimeout((int) WAIT.toMillis());
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return readAll(socket.getInputStream());
    }
  }

  /** A raw HTTP answer with this status whose end (the body's end) is {@code ending}. */
  private static void assertAnswer(String answer, int status, String ending) {
    assertTrue(answer.startsWith("HTTP/1.1 " + status + " "), answer);
    assertTrue(answer.endsWith(ending), answer);
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    try {
      in.transferTo(answer);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no end of answer: " + answer.toString(StandardCharsets.UTF_8), e);
    }
    return answer.toString(StandardCharsets.UTF_8);
  }
}
