package dev.multicast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multicast.harness.MulticastNode;
import dev.multicast.harness.MulticastNode.Result;
import dev.multicast.harness.MulticastNode.Running;
import dev.multicast.harness.RequiresDocker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/** Scenario 1: SAY on one host reaches RECV on every host that joined the group, and no other. */
@RequiresDocker
class SayRecvAcrossHostsIT {
  private static final String GROUP_A = "239.20.1.1";
  private static final String GROUP_B = "239.20.1.2";
  private static final String GROUP_C = "239.20.1.3";
  private static final String PORT = "4242";

  private static Network lan;
  private static MulticastNode speaker;
  private static MulticastNode second;
  private static MulticastNode third;
  private static MulticastNode bystander;

  @BeforeAll
  static void startHosts() {
    lan = Network.newNetwork();
    speaker = new MulticastNode("speaker").on(lan);
    second = new MulticastNode("second").on(lan);
    third = new MulticastNode("third").on(lan);
    bystander = new MulticastNode("bystander").on(lan);
    Startables.deepStart(speaker, second, third, bystander).join();
  }

  @AfterAll
  static void stopHosts() {
    for (MulticastNode node : List.of(speaker, second, third, bystander)) {
      node.stop();
    }
    lan.close();
  }

  @Test
  void sayReachesEveryHostThatJoinedTheGroupAndNoOther() {
    Running onSecond = recv(second, GROUP_A, "--count", "1", "--timeout", "20");
    Running onThird = recv(third, GROUP_A, "--count", "1", "--timeout", "20");
    Running otherGroupOnThird = recv(third, GROUP_B, "--count", "1", "--timeout", "20");
    Running notJoined = recv(bystander, GROUP_C, "--timeout", "5");

    say(GROUP_A, "to A");
    say(GROUP_B, "to B");

    assertEquals(List.of("to A"), onSecond.await().lines());
    assertEquals(List.of("to A"), onThird.await().lines());
    assertEquals(List.of("to B"), otherGroupOnThird.await().lines());
    Result nothing = notJoined.await();
    assertEquals(1, nothing.exitCode(), nothing::toString);
    assertEquals(List.of(), nothing.lines());
  }

  private static Running recv(MulticastNode node, String group, String... limit) {
    List<String> args =
        new ArrayList<>(
            List.of("--verbose", "RECV", "--daemon", "--iface", "eth0", "--group", group));
    args.addAll(List.of("--port", PORT));
    args.addAll(List.of(limit));
    return node.start(args.toArray(String[]::new)).awaitListening();
  }

  private static void say(String group, String message) {
    Result said =
        speaker.run("SAY", "--iface", "eth0", "--group", group, "--port", PORT, "-m", message);
    assertEquals(0, said.exitCode(), said::toString);
  }
}
