package dev.multicast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multicast.core.Group;
import dev.multicast.harness.MulticastNode;
import dev.multicast.harness.MulticastNode.Result;
import dev.multicast.harness.MulticastNode.Running;
import dev.multicast.harness.RequiresDocker;
import dev.multicast.harness.RouteFiles;
import dev.multicast.harness.TwoSites;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

  private static TwoSites sites;

  @BeforeAll
  static void startSites() {
    sites =
        TwoSites.start(
            GROUP,
            List.of(
                RouteFiles.defaults("multicast-to-topic.camel.yaml"),
                RouteFiles.example("topic-to-multicast.camel.yaml")),
            node -> node);
  }

  @AfterAll
  static void stopSites() {
    sites.close();
  }

  @Test
  void eachDatagramSaidOnSiteAArrivesOnSiteBExactlyOnce() {
    assertCarriedOnce(sites.hostA, sites.hostB, "from A");
  }

  @Test
  void eachDatagramSaidOnSiteBArrivesOnSiteAExactlyOnce() {
    assertCarriedOnce(sites.hostB, sites.hostA, "from B");
  }

  @Test
  void multicastAloneDoesNotCrossFromOneSiteToTheOther() {
    Running onA = sites.hostA.recv(UNBRIDGED, "--timeout", "6");
    Running onB = sites.hostB.recv(UNBRIDGED, "--timeout", "6");

    assertEquals(0, sites.hostA.say(UNBRIDGED, "-m", "stays on A").exitCode());

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
    assertEquals(expected, sorted(there.await().lines(), expected), sites::bridgeOutput);
    assertEquals(expected, sorted(here.await().lines(), expected), sites::bridgeOutput);
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
}
