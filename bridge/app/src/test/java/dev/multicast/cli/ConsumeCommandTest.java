package dev.multicast.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multicast.bridge.EmbeddedBroker;
import dev.multicast.testing.Ports;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code multicast consume}: bad options and an absent broker get one line and their exit code. */
class ConsumeCommandTest {
  @TempDir Path data;

  @Test
  void bodiesThatAreNotUtf8ComeOutAsBase64AndTextAsText() throws Exception {
    int port = Ports.free();
    byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 'b', 'i', 'n'};
    try (EmbeddedBroker broker = EmbeddedBroker.start(data, "127.0.0.1", port);
        Connection connection = new ActiveMQConnectionFactory(broker.url()).createConnection()) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer = session.createProducer(session.createQueue("consumed"));
      BytesMessage bytes = session.createBytesMessage();
      bytes.writeBytes(binary);
      producer.send(bytes);
      BytesMessage text = session.createBytesMessage();
      text.writeBytes("héllo".getBytes(StandardCharsets.UTF_8));
      producer.send(text);

      Cli.Result result =
          Cli.run("consume", "--queue", "consumed", "--broker-url", broker.url(), "--count", "2");

      assertEquals(0, result.exitCode(), result.err());
      List<JsonNode> lines = new ArrayList<>();
      for (String line : result.out().lines().toList()) {
        lines.add(new ObjectMapper().readTree(line));
      }
      assertEquals("base64", lines.get(0).get("encoding").asText());
      assertArrayEquals(binary, Base64.getDecoder().decode(lines.get(0).get("body").asText()));
      assertEquals("utf-8", lines.get(1).get("encoding").asText());
      assertEquals("héllo", lines.get(1).get("body").asText());
    }
  }

  @Test
  void aBrokerThatStopsEndsConsumeWithSixtyNineAndOneLine() throws Exception {
    int port = Ports.free();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CompletableFuture<Cli.Result> consume;
    try (EmbeddedBroker broker = EmbeddedBroker.start(data, "127.0.0.1", port);
        Connection connection = new ActiveMQConnectionFactory(broker.url()).createConnection()) {
      consume =
          CompletableFuture.supplyAsync(
              () ->
                  Cli.run(
                      Map.of(), out, "consume", "--topic", "lost", "--broker-url", broker.url()));
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer = session.createProducer(session.createTopic("lost"));
      // Subscribed once a message sent to the topic comes out.
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                producer.send(session.createTextMessage("ping"));
                return out.size() > 0;
              });
    }
    Cli.Result result = consume.get(30, TimeUnit.SECONDS);
    assertEquals(ExitCode.UNAVAILABLE.code(), result.exitCode(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(
        result.err().startsWith("multicast consume: lost broker tcp://127.0.0.1:" + port + ": "),
        result.err());
  }

  @Test
  void aBrokerNobodyListensOnExitsSixtyNineNamingIt() {
    String url = "tcp://127.0.0.1:" + Ports.free();
    Cli.Result result = Cli.run("consume", "--topic", "x", "--broker-url", url, "--timeout", "1");
    assertEquals(ExitCode.UNAVAILABLE.code(), result.exitCode(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    String prefix = "multicast consume: cannot reach broker " + url + ": ";
    assertEquals(
        prefix, result.err().substring(0, Math.min(prefix.length(), result.err().length())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"--topic", "--queue"})
  void anEmptyDestinationIsAUsageErrorNamingIt(String option) {
    Cli.Result result = Cli.run("consume", option, "");
    assertEquals(ExitCode.USAGE.code(), result.exitCode(), result.err());
    assertEquals(
        "multicast consume: Invalid value for option '"
            + option
            + "': '' is not a topic or queue name (expected a name such as multicast.in)"
            + " (see 'multicast consume --help')\n",
        result.err());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"foo://bar", "", "127.0.0.1:61616", "tcp://127.0.0.1:abc", "tcp://:61616"})
  void aBrokerUrlThatIsNoneIsAUsageErrorNamingIt(String url) {
    for (String command : new String[] {"consume", "bridge"}) {
      Cli.Result result =
          command.equals("consume")
              ? Cli.run("consume", "--topic", "x", "--broker-url", url)
              : Cli.run("bridge", "--iface", "lo", "--broker-url", url);
      assertEquals(ExitCode.USAGE.code(), result.exitCode(), command + ": " + result.err());
      assertEquals(
          "multicast "
              + command
              + ": Invalid value for option '--broker-url': '"
              + url
              + "' is not a broker URL (expected tcp://HOST:PORT, such as tcp://127.0.0.1:61616)"
              + " (see 'multicast "
              + command
              + " --help')\n",
          result.err());
    }
  }
}
