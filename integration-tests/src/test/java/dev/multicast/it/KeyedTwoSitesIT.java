package dev.multicast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multicast.core.Group;
import dev.multicast.harness.MulticastNode.Result;
import dev.multicast.harness.MulticastNode.Running;
import dev.multicast.harness.RequiresDocker;
import dev.multicast.harness.RouteFiles;
import dev.multicast.harness.TwoSites;
import dev.multicast.security.GroupKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.images.builder.Transferable;

/**
 * Scenario 4, keyed: the two sites share a group key. The bridges open what they take from their
 * group and seal what they send to it, so a host on the other site holding the key gets each
 * datagram once, and a sender without the key gets nothing across.
 */
@RequiresDocker
class KeyedTwoSitesIT {
  private static final Group GROUP = Group.of("239.20.7.1", 4247);
  private static final String KEY = "/keys/group.key";
  private static final String OTHER_KEY = "/keys/other.key";
  private static final int COUNT = 20;

  private static TwoSites sites;

  @BeforeAll
  static void startSites() throws Exception {
    Transferable key = keyFile();
    Transferable other = keyFile();
    sites =
        TwoSites.start(
            GROUP,
            List.of(
                RouteFiles.example("keyed-multicast-to-topic.camel.yaml"),
                RouteFiles.example("topic-to-keyed-multicast.camel.yaml")),
            node -> node.withCopyToContainer(key, KEY).withCopyToContainer(other, OTHER_KEY),
            "-p",
            "multicast.key-file=" + KEY);
  }

  @AfterAll
  static void stopSites() {
    sites.close();
  }

  @Test
  void eachSealedDatagramArrivesOnTheOtherSiteOnceAndOpens() {
    Running there = sites.hostB.recv(GROUP, "--key-file", KEY, "--timeout", "8");

    Result said =
        sites.hostA.say(
            GROUP,
            "--key-file",
            KEY,
            "--seal",
            "--count",
            "" + COUNT,
            "--numbered",
            "-m",
            "sealed",
            "--rate",
            "100");

    assertEquals(0, said.exitCode(), said::toString);
    List<String> expected = IntStream.rangeClosed(1, COUNT).mapToObj(n -> n + " sealed").toList();
    assertEquals(
        expected,
        there.await().lines().stream()
            .sorted((a, b) -> Integer.compare(expected.indexOf(a), expected.indexOf(b)))
            .toList(),
        sites::bridgeOutput);
  }

  @Test
  void whatASenderWithoutTheKeySaysDoesNotCross() {
    Running there = sites.hostB.recv(GROUP, "--key-file", KEY, "--timeout", "6", "--stats");

    sites.hostA.say(GROUP, "-m", "plain");
    sites.hostA.say(GROUP, "--key-file", OTHER_KEY, "-m", "forged");

    Result nothing = there.await();
    assertEquals(1, nothing.exitCode(), nothing::toString);
    assertEquals(List.of(), nothing.lines());
  }

  /** A new key file's bytes, readable by its owner only, as KEYGEN writes it. */
  private static Transferable keyFile() throws Exception {
    Path dir = Files.createTempDirectory("multicast-key");
    Path file = dir.resolve("group.key");
    GroupKey.generate().write(file);
    byte[] bytes = Files.readAllBytes(file);
    Files.delete(file);
    Files.delete(dir);
    return Transferable.of(bytes, 0600);
  }
}
