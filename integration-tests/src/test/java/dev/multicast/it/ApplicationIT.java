package dev.multicast.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multicast.core.Group;
import dev.multicast.harness.Fault;
import dev.multicast.harness.MulticastNode;
import dev.multicast.harness.MulticastNode.Result;
import dev.multicast.harness.MulticastNode.Running;
import dev.multicast.harness.NodeImage;
import dev.multicast.harness.RequiresDocker;
import dev.multicast.it.app.AppJars;
import dev.multicast.it.app.Beacon;
import dev.multicast.it.app.Listener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * Scenario 10: a user's own programs on nodes: a runnable jar run beside the node's role, a
 * directory of jars with a main class as the node's role, and a node of any local image.
 */
@RequiresDocker
class ApplicationIT {
  private static final Group GROUP = Group.of("239.20.10.1", 4252);
  private static final Path JARS = Path.of("target", "user-app");

  private static Network lan;

  @BeforeAll
  static void makeNetwork() {
    lan = Network.newNetwork();
  }

  @AfterAll
  static void removeNetwork() {
    lan.close();
  }

  @Test
  void aUsersJarRunsBesideTheRoleWithItsOutputCaptured() {
    Path jar = AppJars.write(JARS.resolve("beacon"), Beacon.class);
    try (MulticastNode app = new MulticastNode("beacon").on(lan).withApplication(jar);
        MulticastNode listener = new MulticastNode("listener").on(lan)) {
      app.start();
      listener.start();
      Running recv = listener.recv(GROUP, "--count", "3", "--timeout", "20");

      Result sent = app.runApplication(GROUP.host(), "" + GROUP.port(), "3");

      assertEquals(0, sent.exitCode(), sent::toString);
      assertEquals(List.of("beacon: sent 3"), sent.lines());
      assertEquals(List.of("beacon 1", "beacon 2", "beacon 3"), recv.await().lines());
    }
  }

  @Test
  void aUsersProgramIsTheNodesRoleStartedOnItsReadyLine() {
    Path dir = AppJars.write(JARS.resolve("listener"), Listener.class).getParent();
    try (MulticastNode app =
            new MulticastNode("app-listener")
                .on(lan)
                .withApplication(dir, Listener.class.getName())
                .runningApplication("listener: joined", GROUP.host(), "" + GROUP.port());
        MulticastNode speaker = new MulticastNode("app-speaker").on(lan)) {
      app.start();
      speaker.start();

      assertEquals(0, speaker.say(GROUP, "-m", "to the user's program").exitCode());

      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> app.output().contains("to the user's program\n"));
    }
  }

  @Test
  void aNodeOfAnyLocalImageTakesFaultsFromTheHost() {
    // The node image, by name like any other local image, running its own entry point.
    DockerImageName image = DockerImageName.parse(NodeImage.name());
    try (MulticastNode other = new MulticastNode("other", image).on(lan);
        MulticastNode speaker = new MulticastNode("other-speaker").on(lan)) {
      other.start();
      speaker.start();
      Running recv =
          other.exec(
              "/opt/java/bin/java",
              "-jar",
              "/opt/multicast/multicast.jar",
              "--verbose",
              "RECV",
              "--iface",
              "eth0",
              "--group",
              GROUP.host(),
              "--port",
              "" + GROUP.port(),
              "--timeout",
              "8",
              "--count",
              "20");
      recv.awaitListening();
      Fault cut = other.faults().dropInbound(100, "udp dport " + GROUP.port());

      assertEquals(0, speaker.say(GROUP, "--count", "20", "-m", "lost").exitCode());

      assertEquals(List.of(), recv.await().lines());
      assertEquals(20, cut.heal().packets());
    }
  }
}
