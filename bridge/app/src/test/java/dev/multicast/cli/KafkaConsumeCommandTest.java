package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multicast.testing.Ports;
import dev.multicast.testing.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code multicast consume --kafka} and the {@code --kafka} options, on a real Kafka broker. */
class KafkaConsumeCommandTest {
  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @Test
  void printsEachRecordAsAJsonLineWithItsKeyAndHeaders() throws Exception {
    byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 'b', 'i', 'n'};
    try (KafkaProducer<String, byte[]> producer = producer()) {
      ProducerRecord<String, byte[]> first =
          new ProducerRecord<>("consumed", "239.1.2.3:5000", binary);
      first.headers().add("MulticastPort", "5000".getBytes(StandardCharsets.UTF_8));
      producer.send(first).get();
      producer
          .send(new ProducerRecord<>("consumed", "héllo".getBytes(StandardCharsets.UTF_8)))
          .get();
    }

    Cli.Result result =
        Cli.run(
            "consume",
            "--kafka",
            KAFKA.bootstrapServers(),
            "--topic",
            "consumed",
            "--from-beginning",
            "--count",
            "2");

    assertEquals(0, result.exitCode(), result.err());
    List<JsonNode> lines = new ArrayList<>();
    for (String line : result.out().lines().toList()) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertEquals(2, lines.size(), result.out());
    assertEquals("base64", lines.get(0).get("encoding").asText());
    assertArrayEquals(binary, Base64.getDecoder().decode(lines.get(0).get("body").asText()));
    assertEquals("239.1.2.3:5000", lines.get(0).get("key").asText());
    assertEquals("5000", lines.get(0).get("properties").get("MulticastPort").asText());
    assertEquals("utf-8", lines.get(1).get("encoding").asText());
    assertEquals("héllo", lines.get(1).get("body").asText());
  }

  @Test
  void aClusterNobodyListensOnExitsSixtyNineNamingIt() {
    String servers = "127.0.0.1:" + Ports.free();
    Cli.Result result = Cli.run("consume", "--kafka", servers, "--topic", "x", "--timeout", "1");
    assertEquals(ExitCode.UNAVAILABLE.code(), result.exitCode(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(
        result.err().startsWith("multicast consume: cannot reach Kafka " + servers + ": "),
        result.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bridge", "consume"})
  void aKafkaValueThatIsNotHostAndPortIsAUsageErrorNamingIt(String command) {
    Cli.Result result =
        command.equals("bridge")
            ? Cli.run(command, "--kafka", "127.0.0.1")
            : Cli.run(command, "--kafka", "127.0.0.1", "--topic", "x");
    assertEquals(ExitCode.USAGE.code(), result.exitCode(), result.err());
    assertEquals(
        "multicast "
            + command
            + ": Invalid value for option '--kafka': '127.0.0.1' is not a list of Kafka servers"
            + " (expected HOST:PORT[,HOST:PORT...], e.g. 127.0.0.1:9092, with ports from 1 to"
            + " 65535) (see 'multicast "
            + command
            + " --help')\n",
        result.err());
  }

  @ParameterizedTest
  @ValueSource(strings = {"bridge", "consume"})
  void aKafkaConfigFileThatCannotBeReadIsAConfigurationErrorNamingIt(String command) {
    String missing = "/nonexistent/kafka.properties";
    String servers = KAFKA.bootstrapServers();
    Cli.Result result =
        command.equals("bridge")
            ? Cli.run(command, "--kafka", servers, "--kafka-config", missing, "--iface", "lo")
            : Cli.run(command, "--kafka", servers, "--kafka-config", missing, "--topic", "x");
    assertEquals(ExitCode.CONFIG.code(), result.exitCode(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(
        result.err().contains("Kafka client properties file " + missing + " cannot be read"),
        result.err());
  }

  @Test
  void aQueueWithKafkaIsAUsageError() {
    Cli.Result result =
        Cli.run("consume", "--kafka", KAFKA.bootstrapServers(), "--queue", "multicast.in");
    assertEquals(ExitCode.USAGE.code(), result.exitCode(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().contains("--queue multicast.in with --kafka"), result.err());
  }

  private static KafkaProducer<String, byte[]> producer() {
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
  }
}
