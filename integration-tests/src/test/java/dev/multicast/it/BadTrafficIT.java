package dev.multicast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Group;
import dev.multicast.harness.MulticastNode;
import dev.multicast.harness.MulticastNode.Result;
import dev.multicast.harness.RequiresDocker;
import dev.multicast.harness.RouteFiles;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startables;

/**
 * Scenario 6: oversize, empty, binary and malformed datagrams sent at a HEAR host and a bridge do
 * not stop either from serving the next good message.
 */
@RequiresDocker
class BadTrafficIT {
  private static final Group HEAR_GROUP = Group.of("239.20.6.1", 4246);
  private static final Group BRIDGE_GROUP = Group.of("239.20.6.2", 4246);
  private static final List<String> BAD = List.of("oversize", "empty", "binary", "malformed");

  private static Network lan;
  private static MulticastNode speaker;
  private static MulticastNode hear;
  private static MulticastNode bridge;

  @BeforeAll
  static void startHosts() {
    lan = Network.newNetwork();
    speaker = new MulticastNode("speaker").on(lan);
    badDatagrams()
        .forEach(
            (name, bytes) -> speaker.withCopyToContainer(Transferable.of(bytes), "/data/" + name));
    hear = new MulticastNode("hear").on(lan).hearing(HEAR_GROUP);
    bridge =
        new MulticastNode("bridge")
            .on(lan)
            .withRoutes(RouteFiles.example("multicast-to-queue.camel.yaml"))
            .bridging(BRIDGE_GROUP);
    Startables.deepStart(speaker, hear, bridge).join();
  }

  @AfterAll
  static void stopHosts() {
    for (MulticastNode node : List.of(speaker, hear, bridge)) {
      node.stop();
    }
    lan.close();
  }

  @Test
  void hearAnswersTheNextGoodMessageAfterBadOnes() {
    for (String bad : BAD) {
      sayFile(HEAR_GROUP, bad);
    }

    Result answer = speaker.say(HEAR_GROUP, "-m", "still there", "--ack", "1", "--timeout", "5");

    assertEquals(0, answer.exitCode(), () -> answer + "\n" + hear.output());
    assertTrue(answer.stdout().contains("HEAR [ STILL THERE SAID"), answer::toString);
  }

  @Test
  void theBridgeDeliversTheNextGoodMessageAfterBadOnes() {
    for (String bad : BAD) {
      sayFile(BRIDGE_GROUP, bad);
    }

    Result good = speaker.say(BRIDGE_GROUP, "-m", "good");
    assertEquals(0, good.exitCode(), good::toString);

    Result queued = bridge.run("consume", "--queue", "multicast.in", "--timeout", "5");
    assertTrue(queued.stdout().contains("\"body\":\"good\""), () -> queued + bridge.output());
    assertEquals(BAD.size() + 1, queued.lines().size(), queued::toString);
    assertTrue(bridge.isRunning(), bridge::output);
  }

  private static void sayFile(Group group, String name) {
    Result said = speaker.say(group, "--file", "/data/" + name);
    assertEquals(0, said.exitCode(), said::toString);
  }

  /**
   * The largest datagram (whose HEAR reply cannot be sent), an empty one, random bytes, and UTF-8
   * cut short.
   */
  private static java.util.Map<String, byte[]> badDatagrams() {
    byte[] oversize = new byte[65_507];
    Arrays.fill(oversize, (byte) 'a');
    byte[] binary = new byte[1_000];
    new Random(6).nextBytes(binary);
    binary[0] = (byte) 0xFF; // never valid in UTF-8
    byte[] malformed = "caf\u00e9".getBytes(StandardCharsets.UTF_8);
    malformed = Arrays.copyOf(malformed, malformed.length - 1);
    return java.util.Map.of(
        "oversize", oversize, "empty", new byte[0], "binary", binary, "malformed", malformed);
  }
}
