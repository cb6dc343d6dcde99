package dev.multicast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multicast.core.Group;
import dev.multicast.harness.MulticastNode;
import dev.multicast.harness.MulticastNode.Result;
import dev.multicast.harness.MulticastNode.Running;
import dev.multicast.harness.RequiresDocker;
import dev.multicast.harness.RouteFiles;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * Scenario 4: a group spans two sites through two bridges and one broker that both sites reach.
 * Multicast itself does not cross from one Docker network to the other; the bridges carry each
 * datagram across exactly once, both ways.
 */
@RequiresDocker
class TwoSitesIT {
  private static final Group GROUP = Group.of("239.20.4.1", 4244);
  private static final Group UNBRIDGED = Group.of("239.20.4.2", 4244);
  private static final int COUNT = 20;

  private static Network siteA;
  private static Network siteB;
  private static MulticastNode broker;
  private static MulticastNode bridgeA;
  private static MulticastNode bridgeB;
  private static MulticastNode hostA;
  private static MulticastNode hostB;

  @BeforeAll
  static void startSites() {
    siteA = Network.newNetwork();
    siteB = Network.newNetwork();
    broker = new MulticastNode("broker").on(siteA).on(siteB).brokering();
    bridgeA = bridge("bridge-a", siteA);
    bridgeB = bridge("bridge-b", siteB);
    hostA = new MulticastNode("host-a").on(siteA);
    hostB = new MulticastNode("host-b").on(siteB);
    broker.start();
    Startables.deepStart(bridgeA, bridgeB, hostA, hostB).join();
  }

  @AfterAll
  static void stopSites() {
    for (MulticastNode node : List.of(hostA, hostB, bridgeA, bridgeB, broker)) {
      node.stop();
    }
    siteA.close();
    siteB.close();
  }

  @Test
  void eachDatagramSaidOnSiteAArrivesOnSiteBExactlyOnce() {
    assertCarriedOnce(hostA, hostB, "from A");
  }

  @Test
  void eachDatagramSaidOnSiteBArrivesOnSiteAExactlyOnce() {
    assertCarriedOnce(hostB, hostA, "from B");
  }

  @Test
  void multicastAloneDoesNotCrossFromOneSiteToTheOther() {
    Running onA = hostA.recv(UNBRIDGED, "--timeout", "6");
    Running onB = hostB.recv(UNBRIDGED, "--timeout", "6");

    assertEquals(0, hostA.say(UNBRIDGED, "-m", "stays on A").exitCode());

    assertEquals(List.of("stays on A"), onA.await().lines());
    Result onOtherSite = onB.await();
    assertEquals(1, onOtherSite.exitCode(), onOtherSite::toString);
    assertEquals(List.of(), onOtherSite.lines());
  }

  /** The speaker's own site hears each datagram once (no echo); the other site once (no loss). */
  private static void assertCarriedOnce(MulticastNode from, MulticastNode to, String text) {
    Running there = to.recv(GROUP, "--timeout", "6");
    Running here = from.recv(GROUP, "--timeout", "6");

    Result said = from.say(GROUP, "--count", "" + COUNT, "--numbered", "-m", text, "--rate", "100");

    assertEquals(0, said.exitCode(), said::toString);
    List<String> expected = IntStream.rangeClosed(1, COUNT).mapToObj(n -> n + " " + text).toList();
    assertEquals(expected, sorted(there.await().lines(), expected), TwoSitesIT::bridgeOutput);
    assertEquals(expected, sorted(here.await().lines(), expected), TwoSitesIT::bridgeOutput);
  }

  private static String bridgeOutput() {
    return "bridge A:\n" + bridgeA.output() + "\nbridge B:\n" + bridgeB.output();
  }

  /** Sorted in the order of {@code expected}, keeping anything unexpected or repeated. */
  private static List<String> sorted(List<String> lines, List<String> expected) {
    return lines.stream()
        .sorted(
            (a, b) ->
                Integer.compare(
                    expected.indexOf(a) < 0 ? Integer.MAX_VALUE : expected.indexOf(a),
                    expected.indexOf(b) < 0 ? Integer.MAX_VALUE : expected.indexOf(b)))
        .toList();
  }

  private static MulticastNode bridge(String name, Network site) {
    return new MulticastNode(name)
        .on(site)
        .withRoutes(
            RouteFiles.defaults("multicast-to-topic.camel.yaml"),
            RouteFiles.example("topic-to-multicast.camel.yaml"))
        .bridging(GROUP, "--broker-url", "tcp://broker:61616");
  }
}
