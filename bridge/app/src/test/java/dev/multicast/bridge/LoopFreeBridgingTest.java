package dev.multicast.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.core.Receiver;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import dev.multicast.testing.Ports;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two bridges that both carry a group to the topic and the topic back to the group: on one network
 * they must not loop, and on two sites they must carry each datagram across exactly once.
 */
class LoopFreeBridgingTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** How long nothing more may come after the expected datagrams, for a loop to show. */
  private static final Duration QUIET = Duration.ofSeconds(2);

  private static final List<Path> BOTH_WAYS =
      List.of(
          Routes.defaults("multicast-to-topic.camel.yaml"),
          Routes.example("topic-to-multicast.camel.yaml"));

  @TempDir Path dataA;
  @TempDir Path dataB;

  @Test
  void twoBridgesOnOneNetworkBridgingOneGroupBothWaysDoNotLoop() throws Exception {
    Group group = Loopback.group();
    try (RunningBridge a = RunningBridge.start(dataA, group, null, BOTH_WAYS, Map.of());
        RunningBridge b = RunningBridge.start(dataB, group, a.brokerUrl(), BOTH_WAYS, Map.of());
        JmsClient jms = new JmsClient(a.brokerUrl());
        Receiver receiver = Receiver.open(List.of(group), Loopback.options());
        Sender sender = Sender.open(group, Loopback.options())) {
      MessageConsumer topic = jms.subscribe("multicast.in");
      sender.send("ping".getBytes(StandardCharsets.UTF_8));
      assertEquals(List.of("ping"), texts(receiver, 1));
      assertEquals(2, count(topic, 2), "one topic message from each bridge");
    }
  }

  @Test
  void bridgesOnTwoSitesCarryEachDatagramAcrossExactlyOnce() throws Exception {
    Group siteA = Loopback.group();
    Group siteB = Loopback.group();
    try (RunningBridge a = RunningBridge.start(dataA, siteA, null, BOTH_WAYS, Map.of(), "site-a");
        RunningBridge b =
            RunningBridge.start(dataB, siteB, a.brokerUrl(), BOTH_WAYS, Map.of(), "site-b");
        Receiver onA = Receiver.open(List.of(siteA), Loopback.options());
        Receiver onB = Receiver.open(List.of(siteB), Loopback.options());
        Sender toA = Sender.open(siteA, Loopback.options());
        Sender toB = Sender.open(siteB, Loopback.options())) {
      for (int i = 0; i < 5; i++) {
        toA.send(("a" + i).getBytes(StandardCharsets.UTF_8));
      }
      toB.send("b0".getBytes(StandardCharsets.UTF_8));
      // Each site hears its own datagrams and the other site's, each exactly once.
      List<String> all = List.of("a0", "a1", "a2", "a3", "a4", "b0");
      assertEquals(all, sorted(texts(onB, all.size())));
      assertEquals(all, sorted(texts(onA, all.size())));
    }
  }

  @Test
  void eachBridgeTakesEachTopicMessageOnceThroughAStream() throws Exception {
    Group siteA = Loopback.group();
    Group siteB = Loopback.group();
    int port = Ports.free();
    String url = "tcp://127.0.0.1:" + port;
    try (EmbeddedBroker broker = EmbeddedBroker.start(dataA.resolve("broker"), "127.0.0.1", port);
        RunningBridge a = RunningBridge.start(dataA, siteA, url, BOTH_WAYS, Map.of(), "site-a");
        RunningBridge b = RunningBridge.start(dataB, siteB, url, BOTH_WAYS, Map.of(), "site-b");
        Receiver onB = Receiver.open(List.of(siteB), Loopback.options());
        Sender toA = Sender.open(siteA, Loopback.options())) {
      List<String> sent = new ArrayList<>();
      for (int i = 1; i <= 20; i++) {
        sent.add(i + " from A");
        toA.send(sent.get(i - 1).getBytes(StandardCharsets.UTF_8));
        Thread.sleep(10); // paced, so that deliveries interleave with the consumers' receives
      }
      assertEquals(sent, sortedByNumber(texts(onB, sent.size())));
      // Bridge A drops its own site's messages, but must still take each one once, not less
      // (held in a stray subscription) nor more (delivered to two).
      assertEquals(20, topicMessagesTaken(a));
      assertEquals(20, topicMessagesTaken(b));
    }
  }

  /** What the bridge's topic-to-multicast route has taken from the topic, from its metrics. */
  private static long topicMessagesTaken(RunningBridge bridge) throws Exception {
    return (long) bridge.exchangesDone("topic-to-multicast");
  }

  private static List<String> sortedByNumber(List<String> texts) {
    return texts.stream()
        .sorted(Comparator.comparingInt(text -> Integer.parseInt(text.split(" ")[0])))
        .toList();
  }

  /**
   * The {@code expected} datagrams on the group, once they have come and nothing more has for
   * {@link #QUIET}: a loop or a second copy would come after the first, so only a spell in which
   * nothing comes can show there is none.
   */
  private static List<String> texts(Receiver receiver, int expected) {
    List<String> texts = new ArrayList<>();
    awaitThenQuiet(texts, expected, () -> receiver.poll((Datagram d) -> texts.add(d.text()), 10));
    return texts;
  }

  private static List<String> sorted(List<String> texts) {
    return texts.stream().sorted().toList();
  }

  /** How many messages came, once {@code expected} have and nothing more has for {@link #QUIET}. */
  private static int count(MessageConsumer consumer, int expected) throws Exception {
    List<Message> messages = new ArrayList<>();
    awaitThenQuiet(
        messages,
        expected,
        () -> {
          Message message = consumer.receive(10);
          if (message != null) {
            messages.add(message);
          }
        });
    assertNull(consumer.receiveNoWait());
    return messages.size();
  }

  /**
   * Runs {@code take} until {@code arrived} holds {@code expected}, then on for {@link #QUIET},
   * failing if more arrive.
   */
  private static void awaitThenQuiet(List<?> arrived, int expected, ThrowingRunnable take) {
    await()
        .atMost(WAIT)
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(1))
        .untilAsserted(
            () -> {
              take.run();
              assertTrue(arrived.size() >= expected, () -> "arrived: " + arrived);
            });
    await()
        .during(QUIET)
        .atMost(QUIET.multipliedBy(2))
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(1))
        .untilAsserted(
            () -> {
              take.run();
              assertEquals(expected, arrived.size(), () -> "arrived: " + arrived);
            });
  }
}
