package dev.multicast.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Group;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import dev.multicast.testing.Ports;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multicast to queue path through a broker that goes away and comes back. */
class BrokerRestartTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final List<Path> TO_QUEUE =
      List.of(Routes.example("multicast-to-queue.camel.yaml"));

  @TempDir Path brokerData;
  @TempDir Path bridgeData;

  @Test
  void aBrokerRestartInTheMiddleOfAStreamLosesNothing() throws Exception {
    Group group = Loopback.group();
    int port = Ports.free();
    EmbeddedBroker broker = EmbeddedBroker.start(brokerData, "127.0.0.1", port);
    try (RunningBridge bridge =
            RunningBridge.start(bridgeData, group, broker.url(), TO_QUEUE, Map.of());
        Sender sender = Sender.open(group, Loopback.options())) {
      for (int i = 0; i < 1_000; i++) {
        if (i == 300) {
          broker.close();
        }
        if (i == 700) {
          broker = EmbeddedBroker.start(brokerData, "127.0.0.1", port);
        }
        sender.send(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        Thread.sleep(1);
      }
      List<Integer> received = drain(broker.url(), 1_000);
      Set<Integer> distinct = new HashSet<>(received);
      assertEquals(1_000, distinct.size(), "lost " + (1_000 - distinct.size()) + " of 1,000");
      // Redelivery after a restart may repeat a message; that is reported, not lost.
      System.out.printf(
          "broker restart: 1000 sent, %d distinct, %d duplicates%n",
          distinct.size(), received.size() - distinct.size());
    } finally {
      broker.close();
    }
  }

  @Test
  void beyondTheHoldBoundDatagramsAreDeadLetteredWithTheirReason() throws Exception {
    Group group = Loopback.group();
    int port = Ports.free();
    EmbeddedBroker broker = EmbeddedBroker.start(brokerData, "127.0.0.1", port);
    try (RunningBridge bridge =
            RunningBridge.start(
                bridgeData, group, broker.url(), TO_QUEUE, Map.of("multicast.hold", "10"));
        Sender sender = Sender.open(group, Loopback.options())) {
      broker.close();
      for (int i = 0; i < 50; i++) {
        sender.send(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        Thread.sleep(2);
      }
      // Every datagram held or dead-lettered before the broker is back, which would take them all.
      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertEquals(50, bridge.exchangesDone("multicast-to-queue")));
      broker = EmbeddedBroker.start(brokerData, "127.0.0.1", port);
      List<Integer> delivered = drain(broker.url(), 50);
      Path deadLetters = bridge.settings().deadLetterDir();
      List<Path> reasons;
      try (Stream<Path> files = Files.list(deadLetters)) {
        reasons = files.filter(f -> f.toString().endsWith(".txt")).toList();
      }
      assertEquals(
          50, new HashSet<>(delivered).size() + reasons.size(), "delivered or dead-lettered");
      assertTrue(reasons.size() >= 30, "only " + reasons.size() + " dead-lettered");
      // Counted as well as written: the metric and the directory tell the same loss.
      assertEquals(
          reasons.size(),
          bridge.counter("multicast_dead_lettered_total{route=\"multicast-to-queue\"}"),
          "dead letters written and counted");
      assertTrue(
          Files.readString(reasons.get(0)).startsWith("reason: Queue full"),
          Files.readString(reasons.get(0)));
    } finally {
      broker.close();
    }
  }

  @Test
  void stoppingTheBridgeDeliversWhatItStillHolds() throws Exception {
    Group group = Loopback.group();
    EmbeddedBroker broker = EmbeddedBroker.start(brokerData, "127.0.0.1", Ports.free());
    try {
      try (RunningBridge bridge =
              RunningBridge.start(bridgeData, group, broker.url(), TO_QUEUE, Map.of());
          Sender sender = Sender.open(group, Loopback.options())) {
        for (int i = 0; i < 2_000; i++) {
          sender.send(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
        }
      } // stopped at once, with most of the stream still on its way to the broker
      assertEquals(2_000, new HashSet<>(drain(broker.url(), 2_000)).size());
    } finally {
      broker.close();
    }
  }

  @Test
  void stoppingWhileTheBrokerIsAwayDeadLettersWhatIsHeldWithReasonShutdown() throws Exception {
    Group group = Loopback.group();
    EmbeddedBroker broker = EmbeddedBroker.start(brokerData, "127.0.0.1", Ports.free());
    RunningBridge bridge = RunningBridge.start(bridgeData, group, broker.url(), TO_QUEUE, Map.of());
    try (Sender sender = Sender.open(group, Loopback.options())) {
      broker.close();
      for (int i = 0; i < 500; i++) {
        sender.send(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
      }
      String in = RunningBridge.datagramsIn(group);
      await().atMost(Duration.ofSeconds(20)).until(() -> bridge.counter(in) == 500);
    } finally {
      bridge.closeWithinBound();
    }
    bridge.assertDeadLetteredAtStop(500);
  }

  /**
   * Sequence numbers from the queue until {@code expected} distinct ones, or a quiet spell of
   * {@link #QUIET}: fewer come when some were dead-lettered, and only a spell in which nothing
   * comes shows that the rest will not.
   */
  private static List<Integer> drain(String url, int expected) throws Exception {
    List<Integer> received = new ArrayList<>();
    try (JmsClient jms = new JmsClient(url)) {
      MessageConsumer queue = jms.consume("multicast.in");
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(1))
          .until(
              () -> {
                Message message = queue.receive(QUIET.toMillis());
                if (message == null) {
                  return true;
                }
                received.add(
                    Integer.parseInt(new String(JmsClient.body(message), StandardCharsets.UTF_8)));
                return new HashSet<>(received).size() >= expected;
              });
    }
    return received;
  }
}
