package dev.multicast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Group;
import dev.multicast.harness.Fault;
import dev.multicast.harness.MulticastNode;
import dev.multicast.harness.MulticastNode.Result;
import dev.multicast.harness.MulticastNode.Running;
import dev.multicast.harness.RequiresDocker;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * Scenario 9: faults injected on a node's link from the Docker host: random loss, duplication and a
 * partition, each counting the packets it matched and gone once healed.
 */
@RequiresDocker
class LinkFaultsIT {
  private static final Group GROUP = Group.of("239.20.9.1", 4251);
  private static final int COUNT = 400;

  private static Network lan;
  private static MulticastNode speaker;
  private static MulticastNode left;
  private static MulticastNode right;

  @BeforeAll
  static void startHosts() {
    lan = Network.newNetwork();
    speaker = new MulticastNode("speaker").on(lan);
    left = new MulticastNode("left").on(lan);
    right = new MulticastNode("right").on(lan);
    Startables.deepStart(speaker, left, right).join();
  }

  @AfterAll
  static void stopHosts() {
    for (MulticastNode node : List.of(speaker, left, right)) {
      node.stop();
    }
    lan.close();
  }

  @Test
  void outboundLossDropsExactlyWhatItsRuleCounts() {
    Running onLeft = left.recv(GROUP, "--timeout", "8", "--count", "" + COUNT);
    long dropped;
    try (Fault loss = speaker.faults().dropOutbound(30)) {
      assertEquals(0, stream("lossy").exitCode());
      dropped = loss.heal().packets();
    }

    Result received = onLeft.await();
    assertTrue(dropped > 0 && dropped < COUNT, () -> "dropped " + dropped);
    assertEquals(COUNT - dropped, received.lines().size(), received::toString);
  }

  @Test
  void inboundLossHitsOnlyTheNodeItIsOn() {
    Running onLeft = left.recv(GROUP, "--timeout", "8", "--count", "" + COUNT);
    Running onRight = right.recv(GROUP, "--timeout", "15", "--count", "" + COUNT);
    Fault loss = left.faults().dropInbound(50);
    assertEquals(0, stream("lossy on the left").exitCode());
    long dropped = loss.heal().packets();

    assertEquals(COUNT - dropped, onLeft.await().lines().size());
    assertEquals(COUNT, onRight.await().lines().size());
    assertTrue(dropped > 0, loss::toString);
  }

  @Test
  void duplicationSendsASecondCopyOfWhatItsRuleCounts() {
    Running onLeft = left.recv(GROUP, "--timeout", "15", "--count", "" + 2 * COUNT);
    Fault twice = speaker.faults().duplicateOutbound(100, "udp dport " + GROUP.port());
    assertEquals(0, stream("twice").exitCode());
    long duplicated = twice.heal().packets();

    assertEquals(COUNT, duplicated, twice::toString);
    assertEquals(2 * COUNT, onLeft.await().lines().size());
  }

  @Test
  void aPartitionCutsTwoNodesApartUntilHealed() {
    Fault partition = speaker.faults().partitionFrom(left);
    Running onLeft = left.recv(GROUP, "--timeout", "5");
    Running onRight = right.recv(GROUP, "--count", "1", "--timeout", "15");
    assertEquals(0, speaker.say(GROUP, "-m", "cut").exitCode());

    assertEquals(List.of("cut"), onRight.await().lines());
    assertEquals(List.of(), onLeft.await().lines());
    assertTrue(partition.packets() > 0, partition::toString);

    partition.heal();
    assertFalse(partition.isActive());
    Running healed = left.recv(GROUP, "--count", "1", "--timeout", "15");
    assertEquals(0, speaker.say(GROUP, "-m", "healed").exitCode());
    assertEquals(List.of("healed"), healed.await().lines());
  }

  private static Result stream(String text) {
    return speaker.say(GROUP, "--count", "" + COUNT, "--rate", "1000", "--numbered", "-m", text);
  }
}
