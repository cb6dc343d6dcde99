package dev.multicast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multicast.core.Group;
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

/** Scenario 1: SAY on one host reaches RECV on every host that joined the group, and no other. */
@RequiresDocker
class SayRecvAcrossHostsIT {
  private static final Group GROUP_A = Group.of("239.20.1.1", 4242);
  private static final Group GROUP_B = Group.of("239.20.1.2", 4242);
  private static final Group GROUP_C = Group.of("239.20.1.3", 4242);

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
    Running onSecond = second.recv(GROUP_A, "--count", "1", "--timeout", "20");
    Running onThird = third.recv(GROUP_A, "--count", "1", "--timeout", "20");
    Running otherGroupOnThird = third.recv(GROUP_B, "--count", "1", "--timeout", "20");
    Running notJoined = bystander.recv(GROUP_C, "--timeout", "5");

    assertEquals(0, speaker.say(GROUP_A, "-m", "to A").exitCode());
    assertEquals(0, speaker.say(GROUP_B, "-m", "to B").exitCode());

    assertEquals(List.of("to A"), onSecond.await().lines());
    assertEquals(List.of("to A"), onThird.await().lines());
    assertEquals(List.of("to B"), otherGroupOnThird.await().lines());
    Result nothing = notJoined.await();
    assertEquals(1, nothing.exitCode(), nothing::toString);
    assertEquals(List.of(), nothing.lines());
  }
}
