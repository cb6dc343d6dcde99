package dev.multicast.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.core.Receiver;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import dev.multicast.testing.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example routes multicast-to-kafka and kafka-to-multicast on two bridges, each carrying its
 * group to a topic and the topic back to its group, through one real Kafka broker: on one network
 * they must not loop, and on two sites they must carry each datagram across exactly once.
 */
class KafkaLoopFreeBridgingTest {
  private static final String FROM_KAFKA = "kafka-topic-to-multicast";

  private static final List<Path> BOTH_WAYS =
      List.of(
          Routes.example("multicast-to-kafka.camel.yaml"),
          Routes.example("kafka-to-multicast.camel.yaml"));

  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @TempDir Path dataA;
  @TempDir Path dataB;

  @Test
  void twoBridgesOnOneNetworkBridgingOneGroupBothWaysDoNotLoop() throws Exception {
    Group group = Loopback.group();
    Map<String, String> topic = Map.of("multicast.kafka.topic", "one-network");
    try (RunningBridge a = bridge(dataA, group, topic, "lo-site");
        RunningBridge b = bridge(dataB, group, topic, "lo-site");
        KafkaClient kafka = new KafkaClient(KAFKA.bootstrapServers());
        Receiver receiver = Receiver.open(List.of(group), Loopback.options());
        Sender sender = Sender.open(group, Loopback.options())) {
      sender.send("ping".getBytes(StandardCharsets.UTF_8));
      assertEquals(
          2, kafka.read("one-network", 2, Duration.ofSeconds(1)).size(), "one from each bridge");
      // One consumer group per site: the two bridges take the two records between them.
      await()
          .atMost(KafkaClient.WAIT)
          .until(() -> a.exchangesDone(FROM_KAFKA) + b.exchangesDone(FROM_KAFKA) == 2);
      assertEquals(List.of("ping"), texts(receiver, 1, 1_000));
    }
  }

  @Test
  void bridgesOnTwoSitesCarryEachDatagramAcrossExactlyOnce() throws Exception {
    Group siteA = Loopback.group();
    Group siteB = Loopback.group();
    Map<String, String> topic = Map.of("multicast.kafka.topic", "two-sites");
    try (RunningBridge a = bridge(dataA, siteA, topic, "site-a");
        RunningBridge b = bridge(dataB, siteB, topic, "site-b");
        Receiver onA = Receiver.open(List.of(siteA), Loopback.options());
        Receiver onB = Receiver.open(List.of(siteB), Loopback.options());
        Sender toA = Sender.open(siteA, Loopback.options());
        Sender toB = Sender.open(siteB, Loopback.options())) {
      for (int i = 0; i < 5; i++) {
        toA.send(("a" + i).getBytes(StandardCharsets.UTF_8));
      }
      toB.send("b0".getBytes(StandardCharsets.UTF_8));
      // Each site hears its own datagrams and the other site's, each exactly once.
      assertEquals(List.of("a0", "a1", "a2", "a3", "a4", "b0"), sorted(texts(onB, 6, 1_000)));
      assertEquals(List.of("a0", "a1", "a2", "a3", "a4", "b0"), sorted(texts(onA, 6, 1_000)));
    }
  }

  private static RunningBridge bridge(
      Path data, Group group, Map<String, String> properties, String site) throws Exception {
    return RunningBridge.onKafka(
        data, group, KAFKA.bootstrapServers(), BOTH_WAYS, properties, site);
  }

  /**
   * The first {@code expected} datagrams (a bridge's consumer may take a while to join its group),
   * then any more that arrive until {@code quietMillis} pass without one.
   */
  private static List<String> texts(Receiver receiver, int expected, long quietMillis) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < expected; i++) {
      receiver.receive(KafkaClient.WAIT).map(Datagram::text).ifPresent(texts::add);
    }
    while (receiver.poll((Datagram d) -> texts.add(d.text()), quietMillis) > 0) {
      // keep draining until the group is quiet
    }
    return texts;
  }

  private static List<String> sorted(List<String> texts) {
    return texts.stream().sorted().toList();
  }
}
