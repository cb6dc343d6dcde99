package dev.multicast.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.camel.Site;
import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.core.Receiver;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import dev.multicast.testing.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery guarantees of the default routes on Kafka, with a real broker that goes away and
 * comes back, and a bridge that stops and starts again: nothing is lost silently.
 */
class KafkaDeliveryTest {
  @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();

  @TempDir Path data;

  @AfterEach
  void brokerBack() throws Exception {
    KAFKA.start(); // a test that failed while it was away leaves it running for the next
  }

  @Test
  void whileKafkaRestartsDatagramsAreHeldAndNoneIsLost() throws Exception {
    Group group = Loopback.group();
    try (RunningBridge bridge = bridge(group, Map.of());
        Sender sender = Sender.open(group, Loopback.options())) {
      for (int i = 0; i < 1_000; i++) {
        if (i == 300) {
          KAFKA.stop();
        }
        if (i == 700) {
          KAFKA.start();
        }
        sender.send(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        Thread.sleep(1); // paced, so that the stream spans the restart
      }
      List<Integer> received = numbersIn(group, 1_000);
      Set<Integer> distinct = new HashSet<>(received);
      assertEquals(1_000, distinct.size(), "lost " + (1_000 - distinct.size()) + " of 1,000");
      System.out.printf(
          "Kafka restart: 1000 sent, %d distinct, %d duplicates%n",
          distinct.size(), received.size() - distinct.size());
    }
  }

  @Test
  void beyondTheHoldBoundDatagramsAreDeadLetteredWithTheirReasonAndCounted() throws Exception {
    Group group = Loopback.group();
    try (RunningBridge bridge = bridge(group, Map.of("multicast.hold", "10"));
        Sender sender = Sender.open(group, Loopback.options())) {
      KAFKA.stop();
      for (int i = 0; i < 50; i++) {
        sender.send(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        Thread.sleep(2);
      }
      KAFKA.start();
      Set<Integer> delivered = new HashSet<>(numbersIn(group, 10));
      List<Path> reasons = bridge.deadLetterReasons();
      assertEquals(50, delivered.size() + reasons.size(), "delivered or dead-lettered");
      assertTrue(reasons.size() >= 30, "only " + reasons.size() + " dead-lettered");
      assertEquals(
          reasons.size(),
          bridge.counter("multicast_dead_lettered_total{route=\"multicast-to-kafka\"}"),
          "dead letters written and counted");
      assertTrue(
          Files.readString(reasons.get(0)).startsWith("reason: Queue full"),
          Files.readString(reasons.get(0)));
    }
  }

  @Test
  void stoppingTheBridgeDeliversWhatItStillHolds() throws Exception {
    Group group = Loopback.group();
    try (RunningBridge bridge = bridge(group, Map.of());
        Sender sender = Sender.open(group, Loopback.options())) {
      for (int i = 0; i < 2_000; i++) {
        sender.send(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
      }
    } // stopped at once, with most of the stream still on its way to Kafka
    assertEquals(2_000, new HashSet<>(numbersIn(group, 2_000)).size());
  }

  @Test
  void stoppingWhileKafkaIsAwayDeadLettersWhatIsInFlightOrHeldWithReasonShutdown()
      throws Exception {
    Group group = Loopback.group();
    RunningBridge bridge = bridge(group, Map.of());
    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send("first".getBytes(StandardCharsets.UTF_8)); // the producer meets Kafka
      await().atMost(KafkaClient.WAIT).until(() -> !records(group).isEmpty());
      KAFKA.stop();
      for (int i = 0; i < 500; i++) {
        sender.send(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
      }
      String in = RunningBridge.datagramsIn(group);
      await().atMost(Duration.ofSeconds(20)).until(() -> bridge.counter(in) == 501);
    } finally {
      bridge.closeWithinBound();
    }
    bridge.assertDeadLetteredAtStop(500);
  }

  @Test
  void aDatagramKafkaRefusesForGoodIsDeadLetteredWithKafkasReasonAndCounted() throws Exception {
    Group group = Loopback.group();
    // A record larger than the producer may send is one Kafka's client refuses for good.
    try (RunningBridge bridge = bridge(group, Map.of("kafka.max.request.size", "2000"));
        Sender sender = Sender.open(group, Loopback.options())) {
      sender.send("1".getBytes(StandardCharsets.UTF_8));
      sender.send(new byte[5_000]);
      sender.send("2".getBytes(StandardCharsets.UTF_8));
      await().atMost(KafkaClient.WAIT).until(() -> bridge.deadLetterReasons().size() == 1);
      String reason = Files.readString(bridge.deadLetterReasons().get(0));
      assertTrue(reason.startsWith("reason: The message is"), reason);
      assertTrue(reason.contains("max.request.size"), reason);
      await()
          .atMost(KafkaClient.WAIT)
          .until(
              () ->
                  bridge.counter("multicast_dead_lettered_total{route=\"multicast-to-kafka\"}")
                      == 1);
      assertEquals(List.of(1, 2), numbersIn(group, 2), "the rest delivered");
    }
  }

  @Test
  void aRestartedBridgeResumesFromTheOffsetsItCommittedAfterSending() throws Exception {
    Group group = Loopback.group();
    try (KafkaClient kafka = new KafkaClient(KAFKA.bootstrapServers());
        Receiver receiver = Receiver.open(List.of(group), Loopback.options())) {
      try (RunningBridge bridge = bridge(group, Map.of())) {
        send(kafka, group, 1, 5);
        assertEquals(numbers(1, 5), texts(receiver, 5));
      }
      send(kafka, group, 6, 10); // while no bridge runs
      try (RunningBridge again = bridge(group, Map.of())) {
        // Only what it had not sent: the offsets of 1 to 5 were committed once they were sent.
        assertEquals(numbers(6, 10), texts(receiver, 5));
        assertTrue(receiver.receive(Duration.ofSeconds(1)).isEmpty(), "sent again");
      }
    }
  }

  private RunningBridge bridge(Group group, Map<String, String> properties) throws Exception {
    return RunningBridge.onKafka(
        data.resolve(Long.toString(System.nanoTime())),
        group,
        KAFKA.bootstrapServers(),
        List.of(),
        properties,
        Site.of(Loopback.iface()));
  }

  /** Records to multicast.out aimed at {@code group}, numbered {@code from} to {@code to}. */
  private static void send(KafkaClient kafka, Group group, int from, int to) throws Exception {
    for (int i = from; i <= to; i++) {
      kafka.send(
          "multicast.out",
          Integer.toString(i).getBytes(StandardCharsets.UTF_8),
          Map.of("MulticastTargetGroup", group.host(), "MulticastTargetPort", "" + group.port()));
    }
  }

  private static List<String> numbers(int from, int to) {
    return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
  }

  /** The next {@code count} datagrams, in order, waiting up to 30 s for each. */
  private static List<String> texts(Receiver receiver, int count) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      texts.add(receiver.receive(KafkaClient.WAIT).map(Datagram::text).orElse("(none)"));
    }
    return texts;
  }

  /** The records of {@code group} on multicast.in so far. */
  private static List<ConsumerRecord<String, byte[]>> records(Group group) {
    try (KafkaClient kafka = new KafkaClient(KAFKA.bootstrapServers())) {
      return kafka.read("multicast.in", 1, Duration.ofSeconds(1)).stream()
          .filter(r -> group.toString().equals(r.key()))
          .toList();
    }
  }

  /** The numbered datagrams of {@code group} on multicast.in, repeats included. */
  private static List<Integer> numbersIn(Group group, int atLeast) {
    try (KafkaClient kafka = new KafkaClient(KAFKA.bootstrapServers())) {
      return kafka.read("multicast.in", atLeast, Duration.ofSeconds(2)).stream()
          .filter(r -> group.toString().equals(r.key()))
          .map(ConsumerRecord::value)
          .map(v -> Integer.parseInt(new String(v, StandardCharsets.UTF_8)))
          .toList();
    }
  }
}
