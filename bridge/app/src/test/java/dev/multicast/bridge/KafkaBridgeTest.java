package dev.multicast.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.camel.MulticastHeaders;
import dev.multicast.camel.Site;
import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.core.Receiver;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import dev.multicast.testing.kafka.KafkaBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The default routes of one real bridge on a real Kafka broker ({@code bridge --kafka}). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaBridgeTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @TempDir static Path data;
  private final Group group = Loopback.group();
  private RunningBridge bridge;
  private KafkaClient kafka;

  @BeforeAll
  void startBridge() throws Exception {
    bridge =
        RunningBridge.onKafka(
            data, group, KAFKA.bootstrapServers(), List.of(), Map.of(), Site.of(Loopback.iface()));
    kafka = new KafkaClient(KAFKA.bootstrapServers());
  }

  @AfterAll
  void stopBridge() throws Exception {
    kafka.close();
    bridge.close();
  }

  @Test
  void startupNamesKafkaAndStartsNoBroker() {
    String out = bridge.output();
    assertTrue(out.contains("  kafka    " + KAFKA.bootstrapServers() + "\n"), out);
    assertFalse(out.contains("  broker "), out);
    assertTrue(out.contains("route    multicast-to-kafka"), out);
    assertTrue(out.contains("route    kafka-to-multicast"), out);
    assertThrows(IOException.class, () -> connect(bridge.settings().brokerPort()));
  }

  @Test
  void eachDatagramBecomesARecordOfMulticastInWithKeyHeadersAndItsBytes() throws Exception {
    byte[] largest = new byte[Datagram.MAX_PAYLOAD];
    new Random(14).nextBytes(largest);
    byte[] small = {0, 1, 2, (byte) 0xff, '\n'};
    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(small);
      sender.send(largest);
    }
    List<ConsumerRecord<String, byte[]>> records =
        kafka.read("multicast.in", 2, Duration.ofSeconds(1)).stream()
            .filter(r -> group.toString().equals(r.key()))
            .toList();
    assertEquals(2, records.size(), "records of " + group);
    assertArrayEquals(small, records.get(0).value());
    assertArrayEquals(largest, records.get(1).value());
    ConsumerRecord<String, byte[]> first = records.get(0);
    assertEquals(group.host(), KafkaClient.header(first, MulticastHeaders.GROUP));
    assertEquals(Integer.toString(group.port()), KafkaClient.header(first, MulticastHeaders.PORT));
    assertEquals(bridge.settings().site(), KafkaClient.header(first, MulticastHeaders.SITE));
    assertNotNull(KafkaClient.header(first, MulticastHeaders.SOURCE_ADDRESS));
    assertNotNull(KafkaClient.header(first, MulticastHeaders.RECEIVED_AT));
    assertNotNull(KafkaClient.header(first, MulticastHeaders.DUPLICATE_ID));
    assertFalse(
        KafkaClient.header(first, MulticastHeaders.DUPLICATE_ID)
            .equals(KafkaClient.header(records.get(1), MulticastHeaders.DUPLICATE_ID)),
        "each record its own duplicate id");
  }

  @Test
  void recordsOfMulticastOutGoToTheGroup() throws Exception {
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options())) {
      kafka.send("multicast.out", "to the group".getBytes(StandardCharsets.UTF_8), Map.of());
      assertEquals("to the group", receiver.receive(WAIT).orElseThrow().text());
    }
  }

  @Test
  void recordsWithTargetHeadersGoToThatGroup() throws Exception {
    Group other = Loopback.group();
    try (Receiver receiver = Receiver.open(List.of(other), Loopback.options())) {
      kafka.send(
          "multicast.out",
          "elsewhere".getBytes(StandardCharsets.UTF_8),
          Map.of(
              MulticastHeaders.TARGET_GROUP,
              other.host(),
              MulticastHeaders.TARGET_PORT,
              Integer.toString(other.port())));
      assertEquals("elsewhere", receiver.receive(WAIT).orElseThrow().text());
    }
  }

  @Test
  void aRecordWithABadTargetGoesToMulticastDeadWithItsReason() throws Exception {
    String marker = "bad target " + System.nanoTime();
    kafka.send(
        "multicast.out",
        marker.getBytes(StandardCharsets.UTF_8),
        Map.of(MulticastHeaders.TARGET_GROUP, "10.0.0.1"));
    ConsumerRecord<String, byte[]> dead =
        kafka.read("multicast.dead", 1, Duration.ofSeconds(1)).stream()
            .filter(r -> marker.equals(new String(r.value(), StandardCharsets.UTF_8)))
            .findFirst()
            .orElseThrow();
    String reason = KafkaClient.header(dead, MulticastHeaders.DEAD_LETTER_REASON);
    assertTrue(reason.contains("10.0.0.1"), reason);
  }

  @Test
  void postSayStillSendsToTheGroup() throws Exception {
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options())) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(bridge.http("/say"))
                      .header("Content-Type", "text/plain")
                      .POST(HttpRequest.BodyPublishers.ofString("said"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(202, response.statusCode(), response.body());
      assertEquals("said", receiver.receive(WAIT).orElseThrow().text());
    }
  }

  private static void connect(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
    }
  }
}
