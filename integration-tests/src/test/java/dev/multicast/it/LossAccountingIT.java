package dev.multicast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multicast.core.Group;
import dev.multicast.harness.Fault;
import dev.multicast.harness.MulticastNode;
import dev.multicast.harness.MulticastNode.Result;
import dev.multicast.harness.MulticastNode.Running;
import dev.multicast.harness.RequiresDocker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Scenario 8: a network that loses meets the loss accounting. 5% of what reaches the receiver is
 * dropped at random by a rule on its link; what {@code RECV --seq} counts as lost is exactly what
 * the rule dropped.
 */
@RequiresDocker
@Testcontainers
class LossAccountingIT {
  private static final Group GROUP = Group.of("239.20.8.1", 4250);
  private static final int COUNT = 10_000;
  private static final int RATE = 2_000;

  /**
   * RECV sees a gap only between two numbers it received, so the stream's first and last datagram
   * (sequence 0 and COUNT - 1, at byte 16 of the envelope after the 8-byte UDP header) are spared.
   */
  private static final String BETWEEN_FIRST_AND_LAST =
      "udp dport " + GROUP.port() + " @th,192,32 != { 0, " + (COUNT - 1) + " }";

  private static final Network lan = Network.newNetwork();
  @Container private static final MulticastNode sender = new MulticastNode("sender").on(lan);
  @Container private static final MulticastNode receiver = new MulticastNode("receiver").on(lan);

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void recvCountsAsLostExactlyWhatTheLinkDropped() throws Exception {
    Fault drop = receiver.faults().dropInbound(5, BETWEEN_FIRST_AND_LAST);
    Running recv =
        receiver.recv(
            GROUP, "--seq", "--stats", "--format", "json", "--timeout", "" + (COUNT / RATE + 10));

    Result say =
        sender.say(GROUP, "--seq", "--count", "" + COUNT, "--rate", "" + RATE, "-m", "tick");
    Result received = recv.await();
    long dropped = drop.heal().packets();

    assertEquals(0, say.exitCode(), say::toString);
    JsonNode stats = summary(received);
    System.out.printf("loss accounting: %s; RECV %s%n", drop, stats);
    assertTrue(dropped > 0, drop::toString);
    assertEquals(dropped, stats.path("lost").asLong(), () -> drop + " but RECV said " + stats);
    assertEquals(COUNT, stats.path("received").asLong() + stats.path("lost").asLong());
    assertEquals(COUNT - dropped, received.lines().size());
  }

  /** The summary: the last line RECV printed on stderr, a JSON object. */
  private static JsonNode summary(Result received) throws Exception {
    List<String> errors = received.stderr().lines().toList();
    return new ObjectMapper().readTree(errors.get(errors.size() - 1));
  }
}
