package dev.multicast.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.core.Receiver;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The default routes of one real bridge: real multicast on lo, the real broker, real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BridgeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path data;
  private Group group;
  private RunningBridge bridge;
  private JmsClient jms;

  @BeforeAll
  void startBridge() throws Exception {
    group = Loopback.group();
    bridge = RunningBridge.start(data, group);
    jms = new JmsClient(bridge.brokerUrl());
  }

  @AfterAll
  void stopBridge() throws Exception {
    jms.close();
    bridge.close();
  }

  @Test
  void startupSaysWhatItBridges() {
    String out = bridge.output();
    assertTrue(out.startsWith("multicast bridge: group " + group + " on lo"), out);
    assertTrue(out.contains("embedded"), out);
    assertTrue(out.contains("route    multicast-to-topic"), out);
  }

  @Test
  void startupNamesTheEmbeddedBrokerAtAnAddressClientsReach() throws Exception {
    String line = summaryLine("broker");
    String url = line.split(" ")[0];
    assertEquals("tcp://127.0.0.1:" + bridge.settings().brokerPort(), url, line);
    assertTrue(
        line.endsWith(" (embedded, journal in " + bridge.settings().brokerDir() + ")"), line);
    try (JmsClient client = new JmsClient(url)) {
      client.subscribe("multicast.in").close();
    }
  }

  @Test
  void startupNamesTheHttpAddressWhereSayIsServed() throws Exception {
    String line = summaryLine("http");
    String url = line.split(" ")[0];
    assertEquals("http://127.0.0.1:" + bridge.settings().httpPort() + "/", url, line);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(java.net.URI.create(url + "say"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("named"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(202, response.statusCode(), response.body());
  }

  @Test
  void startupNamesTheManagementAddressWhereHealthIsServed() throws Exception {
    String line = summaryLine("observe");
    String url = line.split(" ")[0];
    assertEquals(
        "http://127.0.0.1:" + bridge.settings().managementPort() + "/observe/health", url, line);
    assertEquals(200, RunningBridge.get(java.net.URI.create(url)).statusCode());
  }

  /** What the start-up summary's line of this name says, without the name. */
  private String summaryLine(String name) {
    List<String> lines =
        bridge
            .output()
            .lines()
            .filter(line -> line.startsWith("  " + name + " "))
            .map(line -> line.substring(2 + name.length()).trim())
            .toList();
    assertEquals(1, lines.size(), bridge.output());
    return lines.get(0);
  }

  @Test
  void aDatagramReachesTheTopicWithItsHeaders() throws Exception {
    MessageConsumer topic = jms.subscribe("multicast.in");
    long before = System.currentTimeMillis();
    try (Sender sender = Sender.open(group, Loopback.options())) {
      byte[] payload = "to the topic".getBytes(StandardCharsets.UTF_8);
      sender.send(payload);
      Message message = awaitMessage(topic, payload);
      assertEquals("127.0.0.1", message.getStringProperty("MulticastSourceAddress"));
      assertEquals(sender.localAddress().getPort(), message.getIntProperty("MulticastSourcePort"));
      assertEquals(group.host(), message.getStringProperty("MulticastGroup"));
      assertEquals(group.port(), message.getIntProperty("MulticastPort"));
      assertTrue(message.getLongProperty("MulticastReceivedAt") >= before);
      assertEquals("127.0.0.0/8", message.getStringProperty("MulticastSite"));
    } finally {
      topic.close();
    }
  }

  @Test
  void theLargestBinaryDatagramCrossesTheTopicUnchanged() throws Exception {
    byte[] payload = new byte[Datagram.MAX_PAYLOAD];
    new Random(3).nextBytes(payload);
    MessageConsumer topic = jms.subscribe("multicast.in");
    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(payload);
      assertArrayEquals(payload, JmsClient.body(awaitMessage(topic, payload)));
    } finally {
      topic.close();
    }
  }

  @Test
  void aQueueMessageGoesOutAsOneDatagram() throws Exception {
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options())) {
      jms.send("multicast.out", "from the queue".getBytes(StandardCharsets.UTF_8), Map.of());
      assertEquals("from the queue", receiver.receive(WAIT).orElseThrow().text());
    }
  }

  @Test
  void aQueueMessageWithTargetHeadersGoesToThatGroup() throws Exception {
    Group other = Loopback.group();
    try (Receiver receiver = Receiver.open(List.of(other), Loopback.options())) {
      jms.send(
          "multicast.out",
          "elsewhere".getBytes(StandardCharsets.UTF_8),
          Map.of("MulticastTargetGroup", other.host(), "MulticastTargetPort", other.port()));
      assertEquals("elsewhere", receiver.receive(WAIT).orElseThrow().text());
    }
  }

  @Test
  void aQueueMessageTooLargeForADatagramEndsInTheDeadLetterQueue() throws Exception {
    MessageConsumer dead = jms.consume("multicast.dead");
    try {
      jms.send("multicast.out", new byte[Datagram.MAX_PAYLOAD + 1], Map.of());
      // Other tests' refused messages may be there too.
      Message message = dead.receive(WAIT.toMillis());
      while (message != null && JmsClient.body(message).length != Datagram.MAX_PAYLOAD + 1) {
        message = dead.receive(WAIT.toMillis());
      }
      assertNotNull(message, "not dead-lettered");
      assertEquals(
          "a message of 65508 bytes is larger than one datagram can carry (at most 65507 bytes)",
          message.getStringProperty("MulticastDeadLetterReason"));
    } finally {
      dead.close();
    }
  }

  @Test
  void aQueueMessageWhoseSendFailsEndsInTheDeadLetterQueueAfterItsTries() throws Exception {
    // A link-local IPv6 group: refused where lo has no IPv6 address, else the send fails on every
    // try; either way the message is not lost and the route goes on.
    MessageConsumer dead = jms.consume("multicast.dead");
    try {
      jms.send(
          "multicast.out",
          "unreachable".getBytes(StandardCharsets.UTF_8),
          Map.of("MulticastTargetGroup", "ff02::1"));
      Message message = dead.receive(WAIT.toMillis() * 3);
      while (message != null
          && !"unreachable".equals(new String(JmsClient.body(message), StandardCharsets.UTF_8))) {
        message = dead.receive(WAIT.toMillis() * 3);
      }
      assertNotNull(message, "not dead-lettered");
    } finally {
      dead.close();
    }
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options())) {
      jms.send("multicast.out", "after the unreachable".getBytes(StandardCharsets.UTF_8), Map.of());
      assertEquals("after the unreachable", receiver.receive(WAIT).orElseThrow().text());
    }
  }

  @Test
  void theBridgeDoesNotBridgeItsOwnEmissionsBack() throws Exception {
    String ownEmissions =
        "multicast_dropped_total{group=\""
            + group.host()
            + "\",port=\""
            + group.port()
            + "\",reason=\"own-emission\"}";
    double dropped = bridge.counter(ownEmissions);
    MessageConsumer topic = jms.subscribe("multicast.in");
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options())) {
      byte[] once = "once".getBytes(StandardCharsets.UTF_8);
      jms.send("multicast.out", once, Map.of());
      assertEquals("once", receiver.receive(WAIT).orElseThrow().text());
      // The bridge heard it back and dropped it. (Other tests' emissions may be counted too.)
      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertTrue(bridge.counter(ownEmissions) > dropped, ownEmissions));
      // Dropped, not also bridged: other tests' datagrams may reach the topic; "once" must not.
      JmsClient.assertNoMessage(topic, once, Duration.ofSeconds(1));
    } finally {
      topic.close();
    }
  }

  @Test
  void postSayAnswers202AndSendsTheBody() throws Exception {
    Group other = Loopback.group();
    try (Receiver receiver = Receiver.open(List.of(other), Loopback.options())) {
      HttpResponse<String> response =
          bridge.post("/say?group=" + other.host() + "&port=" + other.port(), "over http");
      assertEquals(202, response.statusCode(), response.body());
      assertEquals("sent 9 bytes to " + other + "\n", response.body());
      assertEquals("over http", receiver.receive(WAIT).orElseThrow().text());
    }
  }

  @Test
  void postSayWithoutParametersUsesTheBridgesGroup() throws Exception {
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options())) {
      assertEquals(202, bridge.post("/say", "default group").statusCode());
      assertEquals("default group", receiver.receive(WAIT).orElseThrow().text());
    }
  }

  @Test
  void postSayRejectsABadGroupWith400() throws Exception {
    HttpResponse<String> response = bridge.post("/say?group=10.0.0.1", "x");
    assertEquals(400, response.statusCode());
    assertEquals(
        "'10.0.0.1' is not a multicast address (expected 224.0.0.0 to 239.255.255.255, or ff00::/8)\n",
        response.body());
  }

  @Test
  void postSayRejectsABadPortWith400() throws Exception {
    HttpResponse<String> response = bridge.post("/say?port=0", "x");
    assertEquals(400, response.statusCode());
    assertEquals("'0' is not a port (expected 1 to 65535)\n", response.body());
  }

  @Test
  void postSayToAGroupTheInterfaceCannotReachAnswersWithAOneLineReason() throws Exception {
    // A link-local IPv6 group: refused (400) where lo has no IPv6 address, else the send fails
    // (503); either way one line naming the group, never a bare 500.
    HttpResponse<String> response = bridge.post("/say?group=ff02::1", "hi");
    assertTrue(
        response.statusCode() == 400 || response.statusCode() == 503,
        response.statusCode() + " " + response.body());
    assertTrue(response.body().contains("ff02::1"), response.body());
    assertTrue(response.body().endsWith("\n"), response.body());
    assertEquals(1, response.body().lines().count(), response.body());
  }

  @Test
  void postSayChecksTargetHeadersAsItChecksTheQueryParameters() throws Exception {
    Map<String, String> expected =
        Map.of(
            "MulticastTargetGroup:127.0.0.1",
            "header MulticastTargetGroup: '127.0.0.1' is not a multicast address (expected"
                + " 224.0.0.0 to 239.255.255.255, or ff00::/8)\n",
            "MulticastTargetPort:0",
            "header MulticastTargetPort: '0' is not a port (expected 1 to 65535)\n",
            "MulticastTargetPort:abc",
            "header MulticastTargetPort: 'abc' is not a port (expected 1 to 65535)\n");
    for (Map.Entry<String, String> bad : expected.entrySet()) {
      String[] header = bad.getKey().split(":", 2);
      HttpResponse<String> response = bridge.post("/say", "x", header[0], header[1]);
      assertEquals(400, response.statusCode(), bad.getKey() + " " + response.body());
      assertEquals(bad.getValue(), response.body(), bad.getKey());
    }
  }

  @Test
  void postSayHonoursGoodTargetHeadersAsTheQueueDoes() throws Exception {
    Group other = Loopback.group();
    try (Receiver receiver = Receiver.open(List.of(other), Loopback.options())) {
      HttpResponse<String> response =
          bridge.post(
              "/say",
              "by header",
              "MulticastTargetGroup",
              other.host(),
              "MulticastTargetPort",
              Integer.toString(other.port()));
      assertEquals(202, response.statusCode(), response.body());
      assertEquals("by header", receiver.receive(WAIT).orElseThrow().text());
    }
  }

  @Test
  void aQueueMessageWithABadTargetGoesToTheDeadLetterQueueAtOnceWithTheReason() throws Exception {
    Map<String, Object[]> bad =
        Map.of(
            "bad group",
            new Object[] {
              "MulticastTargetGroup",
              "127.0.0.1",
              "header MulticastTargetGroup: '127.0.0.1' is not a multicast address (expected"
                  + " 224.0.0.0 to 239.255.255.255, or ff00::/8)"
            },
            "port 0",
            new Object[] {
              "MulticastTargetPort",
              0,
              "header MulticastTargetPort: '0' is not a port (expected 1 to 65535)"
            },
            "port abc",
            new Object[] {
              "MulticastTargetPort",
              "abc",
              "header MulticastTargetPort: 'abc' is not a port (expected 1 to 65535)"
            });
    MessageConsumer dead = jms.consume("multicast.dead");
    try {
      for (Map.Entry<String, Object[]> message : bad.entrySet()) {
        Object[] header = message.getValue();
        jms.send(
            "multicast.out",
            message.getKey().getBytes(StandardCharsets.UTF_8),
            Map.of((String) header[0], header[1]));
      }
      Map<String, Message> refused = new java.util.HashMap<>();
      // Other tests' refused messages may be there too.
      while (!refused.keySet().containsAll(bad.keySet())) {
        Message m = dead.receive(WAIT.toMillis());
        if (m == null) {
          break;
        }
        refused.put(new String(JmsClient.body(m), StandardCharsets.UTF_8), m);
      }
      for (Map.Entry<String, Object[]> message : bad.entrySet()) {
        Message m = refused.get(message.getKey());
        assertNotNull(m, message.getKey() + " not dead-lettered");
        Object[] header = message.getValue();
        assertEquals(header[2], m.getStringProperty("MulticastDeadLetterReason"));
        // As it came: the bad value is there to see.
        assertEquals(header[1].toString(), m.getStringProperty((String) header[0]));
        // At once, not after the broker's redeliveries.
        assertEquals(1, m.getIntProperty("JMSXDeliveryCount"), message.getKey());
      }
    } finally {
      dead.close();
    }
    // The route goes on.
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options())) {
      jms.send("multicast.out", "after the refused".getBytes(StandardCharsets.UTF_8), Map.of());
      assertEquals("after the refused", receiver.receive(WAIT).orElseThrow().text());
    }
  }

  @Test
  void postSayRejectsAnEmptyBodyWith400() throws Exception {
    HttpResponse<String> response = bridge.post("/say", "");
    assertEquals(400, response.statusCode());
    assertEquals("the request body is empty: nothing to send\n", response.body());
  }

  @Test
  void postSayRejectsABodyLargerThanADatagramWith413() throws Exception {
    HttpResponse<String> response = bridge.post("/say", "x".repeat(Datagram.MAX_PAYLOAD + 1));
    assertEquals(413, response.statusCode());
    assertEquals(
        "the request body is larger than one datagram can carry (at most 65507 bytes)\n",
        response.body());
  }

  @Test
  void getSayIsNotAllowed() throws Exception {
    HttpResponse<String> response = RunningBridge.get(bridge.http("/say"));
    assertEquals(405, response.statusCode());
  }

  @Test
  void healthIsUpWithTheBrokerAndGroupsReady() throws Exception {
    HttpResponse<String> response = RunningBridge.get(bridge.management("/observe/health/ready"));
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"UP\""), response.body());
  }

  @Test
  void metricsArePrometheusTextWithTheRoutes() throws Exception {
    HttpResponse<String> response = RunningBridge.get(bridge.management("/observe/metrics"));
    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("routeId=\"multicast-to-topic\""), response.body());
  }

  @Test
  void metricsCountDatagramsAndBytesInPerGroup() throws Exception {
    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(new byte[] {1, 2, 3});
    }
    String in = RunningBridge.datagramsIn(group);
    String bytes = "multicast_bytes_in_total{group=\"" + group.host();
    // Both counters appear together, but a scrape may fall between their first increments.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              String body = RunningBridge.get(bridge.management("/observe/metrics")).body();
              assertTrue(body.contains(in), body);
              assertTrue(body.contains(bytes), body);
            });
  }

  @Test
  void metricsCountDatagramsAndBytesOutPerGroup() throws Exception {
    // A group of its own, so that no other test's emissions count.
    Group other = Loopback.group();
    byte[] payload = "counted out".getBytes(StandardCharsets.UTF_8);
    try (Receiver receiver = Receiver.open(List.of(other), Loopback.options())) {
      jms.send(
          "multicast.out",
          payload,
          Map.of("MulticastTargetGroup", other.host(), "MulticastTargetPort", other.port()));
      assertEquals("counted out", receiver.receive(WAIT).orElseThrow().text());
    }
    String labels = "{group=\"" + other.host() + "\",port=\"" + other.port() + "\"}";
    // The sink counts before the datagram leaves: once it has arrived, both counters hold it.
    assertEquals(1, bridge.counter("multicast_datagrams_out_total" + labels));
    assertEquals(payload.length, bridge.counter("multicast_bytes_out_total" + labels));
  }

  /** The message with this payload; other tests' datagrams may reach the topic meanwhile. */
  private static Message awaitMessage(MessageConsumer topic, byte[] payload) {
    return JmsClient.awaitMessage(topic, payload, WAIT);
  }
}
