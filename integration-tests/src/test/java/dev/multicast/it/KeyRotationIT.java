package dev.multicast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multicast.core.Group;
import dev.multicast.harness.MulticastNode;
import dev.multicast.harness.MulticastNode.Result;
import dev.multicast.harness.MulticastNode.Running;
import dev.multicast.harness.RequiresDocker;
import dev.multicast.security.GroupKey;
import dev.multicast.security.GroupKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A group's key is rotated on three hosts while a keyed stream runs, by the procedure of
 * docs/secure-groups.md: the receivers get the rotated file first, then the sender, then the old
 * key is retired everywhere. Nothing is lost. A fourth host that keeps the old key shows that the
 * sender really switched in the middle of the stream.
 */
@RequiresDocker
@Testcontainers
class KeyRotationIT {
  private static final Group GROUP = Group.of("239.20.9.1", 4260);
  private static final int COUNT = 4_000;
  private static final int RATE = 400;
  private static final String KEY = "/keys/group.key";
  // The procedure's pause: a running command reads its key file again within a second.
  private static final Duration RELOAD = Duration.ofSeconds(2);

  private static final Path KEYS = temporaryDirectory();
  private static final Path MASTER = KEYS.resolve("master.key");

  private static final Network lan = Network.newNetwork();
  @Container private static final MulticastNode sender = keyed("sender");
  @Container private static final MulticastNode first = keyed("first");
  @Container private static final MulticastNode second = keyed("second");
  @Container private static final MulticastNode stale = keyed("stale");

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aKeyRotatedMidStreamLosesNoDatagram() throws Exception {
    String[] stream = {"--key-file", KEY, "--stats", "--format", "json"};
    Running atFirst = first.recv(GROUP, with(stream, "--count", "" + COUNT, "--timeout", "60"));
    Running atSecond = second.recv(GROUP, with(stream, "--count", "" + COUNT, "--timeout", "60"));
    Running atStale = stale.recv(GROUP, with(stream, "--timeout", "" + (COUNT / RATE + 15)));
    Running say =
        sender.startSay(
            GROUP, "--key-file", KEY, "--count", "" + COUNT, "--rate", "" + RATE, "-m", "tick");
    atFirst.awaitPrinted("tick");

    GroupKeys rotated = GroupKeys.rotate(MASTER);
    install(first, second);
    pause();
    install(sender);
    pause();
    GroupKeys.retire(MASTER);
    install(first, second, sender);

    assertEquals(0, say.await().exitCode(), say::toString);
    for (Running receiver : List.of(atFirst, atSecond)) {
      JsonNode stats = summary(receiver.await());
      assertEquals(COUNT, stats.path("received").asLong(), stats::toString);
      assertEquals(0, stats.path("lost").asLong(), stats::toString);
      assertEquals(0, stats.path("rejected").size(), stats::toString);
    }
    JsonNode left = summary(atStale.await());
    assertTrue(left.path("received").asLong() > 0, () -> "the stream began under the old key");
    assertTrue(
        left.path("rejected").path("wrong_key").asLong() > 0,
        () -> "the sender switched to " + rotated.current() + " mid-stream: " + left);
  }

  /** A node whose key file is in a directory of its own on this host, where the test puts it. */
  private static MulticastNode keyed(String name) {
    Path dir = KEYS.resolve(name);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!Files.exists(MASTER)) {
      GroupKey.generate().write(MASTER);
    }
    copy(MASTER, dir);
    return new MulticastNode(name)
        .on(lan)
        .withFileSystemBind(dir.toString(), "/keys", BindMode.READ_ONLY);
  }

  /**
   * Gives the master key file to these nodes, each replaced in one step as docs/secure-groups.md
   * says.
   */
  private static void install(MulticastNode... nodes) {
    for (MulticastNode node : nodes) {
      copy(MASTER, KEYS.resolve(node.name()));
    }
  }

  private static void copy(Path keyFile, Path dir) {
    try {
      Path next = Files.createTempFile(dir, "group.key", ".next");
      Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
      Files.copy(keyFile, next, StandardCopyOption.REPLACE_EXISTING);
      Files.move(
          next,
          dir.resolve("group.key"),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The procedure's own wait between its steps, not a wait for the system under test. */
  private static void pause() {
    LockSupport.parkNanos(RELOAD.toNanos());
  }

  private static String[] with(String[] common, String... more) {
    String[] all = new String[common.length + more.length];
    System.arraycopy(common, 0, all, 0, common.length);
    System.arraycopy(more, 0, all, common.length, more.length);
    return all;
  }

  /** RECV's summary: the JSON object it printed on stderr. */
  private static JsonNode summary(Result received) throws Exception {
    String line =
        received.stderr().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
    assertTrue(line.startsWith("{"), () -> "no summary: " + received);
    return new ObjectMapper().readTree(line);
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("multicast-keys");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
