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
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
  void aBrokerNobodyListensOnExitsSixtyNineNamingIt() {
    String url = "tcp://127.0.0.1:" + Ports.free();
    Cli.Result result = Cli.run("consume", "--topic", "x", "--broker-url", url, "--timeout", "1");
    assertEquals(ExitCode.UNAVAILABLE.code(), result.exitCode(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    String prefix = "multicast consume: cannot reach broker " + url + ": ";
    assertEquals(
        prefix, result.err().substring(0, Math.min(prefix.length(), result.err().length())));
  }

  @Test
  void aBrokerThatGoesAwayExitsSixtyNineNamingItAndWhy() throws Exception {
    int port = Ports.free();
    Path out = data.resolve("consumed.jsonl");
    Process consume;
    String url;
    try (EmbeddedBroker broker = EmbeddedBroker.start(data.resolve("broker"), "127.0.0.1", port)) {
      url = broker.url();
      try (Connection connection = new ActiveMQConnectionFactory(url).createConnection()) {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createProducer(session.createQueue("watched")).send(session.createTextMessage("1"));
      }
      consume = Cli.spawn(out, "consume", "--queue", "watched", "--broker-url", url);
      // Printed: the consumer is connected when the broker goes away.
      Cli.awaitOutput(consume, out, "\"body\":\"1\"", Duration.ofSeconds(30));
    }
    try {
      assertTrue(consume.waitFor(30, TimeUnit.SECONDS), "still running without its broker");
      String err = new String(consume.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(ExitCode.UNAVAILABLE.code(), consume.exitValue(), err);
      assertEquals(1, err.lines().count(), err);
      assertTrue(err.startsWith("multicast consume: lost broker " + url + ": AMQ"), err);
    } finally {
      consume.destroyForcibly();
    }
  }

  @Test
  void aReaderThatLeavesEndsItQuietlyWithOneFortyOne() throws Exception {
    int port = Ports.free();
    try (EmbeddedBroker broker = EmbeddedBroker.start(data, "127.0.0.1", port);
        Connection connection = new ActiveMQConnectionFactory(broker.url()).createConnection()) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageProducer producer = session.createProducer(session.createQueue("read"));
      producer.send(session.createTextMessage("first"));
      Process consume =
          Cli.spawn(Redirect.PIPE, "consume", "--queue", "read", "--broker-url", broker.url());
      try {
        // As `| head -1`: one line read, then the pipe closed.
        try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(consume.getInputStream(), StandardCharsets.UTF_8))) {
          assertTrue(out.readLine().contains("\"body\":\"first\""));
        }
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  producer.send(session.createTextMessage("more"));
                  return !consume.isAlive();
                });
        assertEquals(
            "", new String(consume.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(ExitCode.PIPE_CLOSED.code(), consume.exitValue());
      } finally {
        consume.destroyForcibly();
      }
    }
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
