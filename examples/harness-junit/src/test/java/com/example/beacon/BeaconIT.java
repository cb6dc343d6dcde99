package com.example.beacon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Group;
import dev.multicast.harness.Fault;
import dev.multicast.harness.MulticastNode;
import dev.multicast.harness.MulticastNode.Result;
import dev.multicast.harness.MulticastNode.Running;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The beacon app's datagrams cross a Docker network to two hosts, one of whose links loses 10%. */
@Testcontainers
class BeaconIT {
  private static final Group GROUP = Group.of("239.30.0.1", 5000);
  private static final int COUNT = 1000;

  private static final Network lan = Network.newNetwork();

  /** The app, on a node of the multicast image with the same Java runtime. */
  @Container
  private static final MulticastNode beacon =
      new MulticastNode("beacon")
          .on(lan)
          .withApplication(Path.of(System.getProperty("beacon.jar")));

  /** A second host, receiving with the multicast command line, on a link that loses 10%. */
  @Container
  private static final MulticastNode listener = new MulticastNode("listener").on(lan);

  /** A third host, receiving on a link that loses nothing. */
  @Container
  private static final MulticastNode other = new MulticastNode("other-listener").on(lan);

  @AfterAll
  static void removeNetwork() {
    lan.close();
  }

  @Test
  void beaconsReachEveryListenerExceptWhatItsOwnLinkLost() {
    Running recv = listener.recv(GROUP, "--count", "" + COUNT, "--timeout", "10");
    Running recvOther = other.recv(GROUP, "--count", "" + COUNT, "--timeout", "10");

    Result sent;
    long lost;
    try (Fault loss = listener.faults().dropInbound(10, "udp dport " + GROUP.port())) {
      sent = beacon.runApplication(GROUP.host(), "" + GROUP.port(), "" + COUNT);
      lost = loss.heal().packets();
    }

    assertEquals(List.of("sent " + COUNT + " beacons"), sent.lines(), sent::toString);
    List<String> received = recv.await().lines();
    assertTrue(lost > 0, "10% loss dropped nothing");
    assertEquals(COUNT - lost, received.size());
    assertTrue(received.stream().allMatch(line -> line.startsWith("beacon ")), received::toString);
    assertEquals(COUNT, recvOther.await().lines().size());
  }
}
