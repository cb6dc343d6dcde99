package dev.multicast.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Group;
import dev.multicast.harness.KafkaNode;
import dev.multicast.harness.MulticastNode;
import dev.multicast.harness.MulticastNode.Result;
import dev.multicast.harness.MulticastNode.Running;
import dev.multicast.harness.RequiresDocker;
import dev.multicast.harness.RouteFiles;
import dev.multicast.harness.TwoSites;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 14's scenarios 1 to 3: a group spans two sites through a Kafka cluster of three nodes
 * (replication factor 3, {@code min.insync.replicas=2}), each site's bridge running {@code --kafka}
 * with the example routes {@code multicast-to-kafka} and {@code kafka-to-multicast} (topic {@code
 * multicast.in}), each site its own consumer group. One cluster serves the class: a scenario that
 * takes a node or a bridge away brings it back before it ends.
 */
@RequiresDocker
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaTwoSitesIT {
  static final Group GROUP = Group.of("239.20.14.1", 4314);
  static final Group BOUNDED = Group.of("239.20.14.2", 4314);
  static final List<Path> ROUTES =
      List.of(
          RouteFiles.example("multicast-to-kafka.camel.yaml"),
          RouteFiles.example("kafka-to-multicast.camel.yaml"));
  private static final Duration ARRIVAL = Duration.ofMinutes(2);

  private static TwoSites sites;

  @BeforeAll
  static void startSites() {
    sites = TwoSites.startOnKafka(GROUP, ROUTES, node -> node);
  }

  @AfterAll
  static void stopSites() {
    if (sites != null) {
      sites.close();
    }
  }

  @Test
  @Order(1)
  void numberedDatagramsEachWayArriveExactlyOnceOnTheOtherSiteAndNotAgainOnTheirOwn() {
    int count = 200;
    Running onA = sites.hostA.recv(GROUP);
    Running onB = sites.hostB.recv(GROUP);

    Result fromA = sites.hostA.say(GROUP, numbered(count, "from A", 200));
    Result fromB = sites.hostB.say(GROUP, numbered(count, "from B", 200));

    assertEquals(0, fromA.exitCode(), fromA::toString);
    assertEquals(0, fromB.exitCode(), fromB::toString);
    Map<Integer, Integer> once =
        IntStream.rangeClosed(1, count).boxed().collect(Collectors.toMap(n -> n, n -> 1));
    await()
        .atMost(ARRIVAL)
        .until(
            () ->
                Numbered.of(onB.stdout(), "from A").arrived(count) == count
                    && Numbered.of(onA.stdout(), "from B").arrived(count) == count);
    // Held for a while: a repeat, or an echo back to the speaker's own site, would come soon.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertEquals(once, Numbered.of(onB.stdout(), "from A").counts(), sites::bridgeOutput);
              assertEquals(once, Numbered.of(onA.stdout(), "from B").counts(), sites::bridgeOutput);
              assertEquals(once, Numbered.of(onA.stdout(), "from A").counts(), sites::bridgeOutput);
              assertEquals(once, Numbered.of(onB.stdout(), "from B").counts(), sites::bridgeOutput);
            });
  }

  @Test
  @Order(2)
  void aSigkillOfThePartitionLeaderMidStreamLosesNoneOfTenThousand() {
    int count = 10_000;
    String text = "through a leader's death";
    Running onB = sites.hostB.recv(GROUP);
    KafkaNode leader = sites.kafka.leaderOf("multicast.in");

    Running said = sites.hostA.startSay(GROUP, numbered(count, text, 1000));
    await().atMost(ARRIVAL).until(() -> Numbered.of(onB.stdout(), text).arrived(count) >= 2000);
    leader.kill();

    Result sent = said.await(Duration.ofMinutes(2));
    assertEquals(0, sent.exitCode(), sent::toString);
    awaitAll(onB, text, count);
    System.out.println(
        "killed " + leader.name() + ": " + Numbered.of(onB.stdout(), text).summary(count));
    leader.restart();
  }

  @Test
  @Order(3)
  void aReturnPathBridgeKilledMidStreamResumesFromItsCommittedOffsets() {
    int count = 3000;
    String before = "before the kill";
    String text = "through a bridge's death";
    Running onB = sites.hostB.recv(GROUP);
    assertEquals(0, sites.hostA.say(GROUP, numbered(100, before, 200)).exitCode());
    awaitAll(onB, before, 100);

    Running said = sites.hostA.startSay(GROUP, numbered(count, text, 500));
    await().atMost(ARRIVAL).until(() -> Numbered.of(onB.stdout(), text).arrived(count) >= 500);
    sites.bridgeB.kill();
    sites.bridgeB.restart();

    Result sent = said.await(Duration.ofMinutes(2));
    assertEquals(0, sent.exitCode(), sent::toString);
    awaitAll(onB, text, count);
    System.out.println("bridge B killed: " + Numbered.of(onB.stdout(), text).summary(count));
    // From its committed offsets, not from the topic's start: what it sent before comes not again.
    assertEquals(100, Numbered.of(onB.stdout(), before).total(), sites::bridgeOutput);
  }

  @Test
  @Order(4)
  void aStreamSaidWhileTheWholeClusterIsStoppedIsHeldAndDeliveredAfterwards() {
    int count = 1000;
    String text = "through an outage";
    Running onB = sites.hostB.recv(GROUP);

    // Frozen, not restarted: restarted containers may swap addresses, which real brokers don't.
    sites.kafka.pause();
    try {
      // 10 s of datagrams: the cluster stays away while they are said.
      Result said = sites.hostA.say(GROUP, numbered(count, text, 100));
      assertEquals(0, said.exitCode(), said::toString);
    } finally {
      sites.kafka.unpause();
    }

    awaitAll(onB, text, count);
    System.out.println("cluster stopped: " + Numbered.of(onB.stdout(), text).summary(count));
  }

  @Test
  @Order(5)
  void beyondTheHoldBoundEachDatagramIsDeadLetteredWithItsReasonAndCounted() throws Exception {
    int count = 1000;
    String text = "beyond the bound";
    // A bridge of its own group that holds at most 100 datagrams while Kafka is away; bridge B
    // sends what it took on to GROUP on site B.
    MulticastNode bounded =
        TwoSites.bridge(
            "bridge-a-bounded",
            sites.siteA,
            BOUNDED,
            List.of(RouteFiles.example("multicast-to-kafka.camel.yaml")),
            node -> node,
            "--kafka",
            sites.kafka.bootstrapServers(),
            "--site",
            "a-bounded",
            "-p",
            "multicast.hold=100");
    try (bounded) {
      bounded.start();
      Running onB = sites.hostB.recv(GROUP);
      sites.kafka.pause();
      try {
        Result said = sites.hostA.say(BOUNDED, numbered(count, text, 1000));
        assertEquals(0, said.exitCode(), said::toString);
        await()
            .atMost(ARRIVAL)
            .until(() -> counter(bounded, "multicast_datagrams_in_total") == count);
      } finally {
        sites.kafka.unpause();
      }

      double deadLettered = counter(bounded, "multicast_dead_lettered_total");
      assertTrue(deadLettered > 0, bounded::output);
      // Each datagram either reached site B or was dead-lettered: none is missing from both.
      await()
          .atMost(ARRIVAL)
          .until(() -> Numbered.of(onB.stdout(), text).arrived(count) + deadLettered == count);
      List<String> reasons = DeadLetterFiles.reasons(bounded);
      assertEquals((long) deadLettered, reasons.size(), bounded::output);
      for (String reason : reasons) {
        assertTrue(reason.startsWith("reason: Queue full"), reason);
      }
      System.out.printf(
          "hold bound 100: %s; %d dead-lettered%n",
          Numbered.of(onB.stdout(), text).summary(count), (long) deadLettered);
    }
  }

  private static double counter(MulticastNode bridge, String name) throws Exception {
    return TwoSites.counter(bridge, sites.siteA, name);
  }

  /** Waits until every one of 1 to {@code count} of {@code text} has arrived. */
  static void awaitAll(Running receiver, String text, int count) {
    try {
      await()
          .atMost(ARRIVAL)
          .until(() -> Numbered.of(receiver.stdout(), text).arrived(count) == count);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          Numbered.of(receiver.stdout(), text).summary(count) + "\n" + sites.bridgeOutput(), e);
    }
  }

  /** SAY's arguments for {@code count} datagrams "N text" at {@code rate} a second. */
  static String[] numbered(int count, String text, int rate) {
    return new String[] {
      "--count", Integer.toString(count), "--numbered", "-m", text, "--rate", Integer.toString(rate)
    };
  }
}
