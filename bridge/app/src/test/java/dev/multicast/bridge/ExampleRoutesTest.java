package dev.multicast.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.multicast.core.Group;
import dev.multicast.core.Receiver;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The example routes of routes/examples, all in one real bridge. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleRoutesTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir static Path data;
  private final Group group = Loopback.group();
  private final Group first = Loopback.group();
  private final Group second = Loopback.group();
  private final Group relayFrom = Loopback.group();
  private final Group relayTo = Loopback.group().withPort(relayFrom.port());
  private final BlockingQueue<String> webhook = new LinkedBlockingQueue<>();
  private HttpServer server;
  private RunningBridge bridge;
  private JmsClient jms;

  @BeforeAll
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          webhook.add(
              exchange.getRequestHeaders().getFirst("MulticastGroup")
                  + " "
                  + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    bridge =
        RunningBridge.start(
            data,
            group,
            null,
            Stream.of(
                    "multicast-to-file.camel.yaml",
                    "file-to-multicast.camel.yaml",
                    "multicast-to-webhook.camel.yaml",
                    "queue-fanout.camel.yaml")
                .map(Routes::example)
                .toList(),
            Map.of(
                "multicast.files", data.resolve("received").toString(),
                "multicast.outbox", data.resolve("outbox").toString(),
                "multicast.webhook", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook",
                "multicast.fanout.first", first.host(),
                "multicast.fanout.second", second.host()));
    jms = new JmsClient(bridge.brokerUrl());
  }

  @AfterAll
  void stop() throws Exception {
    jms.close();
    bridge.close();
    server.stop(0);
  }

  @Test
  void startupDoesNotAdvertiseAnHttpRouteTheRoutesDoNotServe() {
    assertTrue(
        bridge
            .output()
            .contains(
                "  http     http://127.0.0.1:"
                    + bridge.settings().httpPort()
                    + "/ (no route serves HTTP)\n"),
        bridge.output());
  }

  @Test
  void multicastToFileWritesEachDatagramToAFileOfItsBytes() throws Exception {
    byte[] payload = {0, 1, 2, (byte) 0xff};
    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(payload);
    }
    Path received = data.resolve("received");
    Path file =
        await("a file of the datagram in " + received)
            .atMost(WAIT)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> fileOfSize(received, payload.length), Optional::isPresent)
            .get();
    assertArrayEquals(payload, Files.readAllBytes(file));
  }

  private static Optional<Path> fileOfSize(Path directory, long size) throws IOException {
    if (!Files.isDirectory(directory)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (Files.size(file) == size) {
          return Optional.of(file);
        }
      }
    }
    return Optional.empty();
  }

  @Test
  void fileToMulticastSendsEachFileAsOneDatagram() throws Exception {
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options())) {
      Path outbox = Files.createDirectories(data.resolve("outbox"));
      Files.writeString(outbox.resolve("note.txt"), "from a file");
      assertEquals("from a file", receiver.receive(WAIT).orElseThrow().text());
    }
  }

  @Test
  void multicastToWebhookPostsEachDatagramWithItsHeaders() throws Exception {
    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send("hook me".getBytes(StandardCharsets.UTF_8));
    }
    String posted = webhook.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(group.host() + " hook me", posted);
  }

  @Test
  void queueFanoutSendsEachMessageToBothGroups() throws Exception {
    try (Receiver onFirst =
            Receiver.open(List.of(first.withPort(group.port())), Loopback.options());
        Receiver onSecond =
            Receiver.open(List.of(second.withPort(group.port())), Loopback.options())) {
      jms.send("multicast.fanout", "to both".getBytes(StandardCharsets.UTF_8), Map.of());
      assertEquals("to both", onFirst.receive(WAIT).orElseThrow().text());
      assertEquals("to both", onSecond.receive(WAIT).orElseThrow().text());
    }
  }

  @Test
  void groupRelayCarriesOneGroupToAnother() throws Exception {
    try (RunningBridge relay =
            RunningBridge.start(
                data.resolve("relay"),
                relayFrom,
                bridge.brokerUrl(),
                List.of(Routes.example("group-relay.camel.yaml")),
                Map.of(
                    "multicast.relay.from",
                    relayFrom.host(),
                    "multicast.relay.from-iface",
                    "lo",
                    "multicast.relay.to",
                    relayTo.host(),
                    "multicast.relay.to-iface",
                    "lo"));
        Receiver receiver = Receiver.open(List.of(relayTo), Loopback.options());
        Sender sender = Sender.open(relayFrom, Loopback.options())) {
      sender.send("relayed".getBytes(StandardCharsets.UTF_8));
      assertEquals("relayed", receiver.receive(WAIT).orElseThrow().text());
      assertTrue(receiver.receive(Duration.ofMillis(500)).isEmpty(), "relayed twice");
    }
  }
}
