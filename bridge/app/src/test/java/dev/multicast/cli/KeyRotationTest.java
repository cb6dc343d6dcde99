package dev.multicast.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Group;
import dev.multicast.security.GroupKey;
import dev.multicast.security.GroupKeys;
import dev.multicast.testing.Loopback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KEYGEN --rotate and --retire, and receivers that follow a rotated key file while they run. */
class KeyRotationTest {
  @TempDir Path temp;

  @Test
  void rotatePutsANewKeyFirstAndSaysWhichKeysTheFileHolds() {
    Path key = keyFile("group.key");
    String old = String.format("%08x", GroupKey.read(key).keyId());

    Cli.Result result = Cli.run("KEYGEN", "--rotate", key.toString());

    assertEquals(0, result.exitCode(), result.err());
    GroupKeys keys = GroupKeys.read(key);
    assertEquals(2, keys.all().size());
    assertEquals(
        String.format(
            "KEYGEN: %s holds keys %08x, %s (senders use the first)%n",
            key, keys.current().keyId(), old),
        result.out());
  }

  @Test
  void retireKeepsOnlyTheNewestKey() {
    Path key = keyFile("group.key");
    assertEquals(0, Cli.run("KEYGEN", "--rotate", key.toString()).exitCode());
    int newest = GroupKey.read(key).keyId();

    Cli.Result result = Cli.run("KEYGEN", "--retire", key.toString());

    assertEquals(0, result.exitCode(), result.err());
    assertEquals(1, GroupKeys.read(key).all().size());
    assertEquals(newest, GroupKey.read(key).keyId());
  }

  @Test
  void rotatingAFileThatIsNotThereIsNoInput() {
    Path missing = temp.resolve("missing.key");

    Cli.Result result = Cli.run("KEYGEN", "--rotate", missing.toString());

    assertEquals(66, result.exitCode());
    assertEquals(
        "multicast KEYGEN: key file "
            + missing
            + " does not exist (expected a file holding a group key)",
        result.err().strip());
  }

  @Test
  void rotateAndRetireTogetherAreAUsageError() {
    Path key = keyFile("group.key");

    Cli.Result result = Cli.run("KEYGEN", "--rotate", "--retire", key.toString());

    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("mutually exclusive"), result.err());
  }

  @Test
  void aRunningRecvAcceptsTheNewKeyOnceItsFileIsRotated() throws Exception {
    Group group = Loopback.group();
    Path receivers = keyFile("receivers.key");
    Cli.Running recv =
        Cli.start(Cli.on(group, "RECV", "--key-file", receivers.toString(), "--timeout", "30"))
            .awaitListening();

    assertEquals(0, Cli.run("KEYGEN", "--rotate", receivers.toString()).exitCode());
    // The senders get the rotated file: only its new first key is one RECV did not start with.
    Path senders = temp.resolve("senders.key");
    Files.copy(receivers, senders, StandardCopyOption.COPY_ATTRIBUTES);
    Files.writeString(senders, Files.readAllLines(receivers).get(0) + "\n");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              Cli.run(Cli.on(group, "SAY", "--key-file", senders.toString(), "-m", "rotated"));
              return recv.isDone();
            });

    Cli.Result result = recv.await();
    assertEquals(0, result.exitCode(), result.err());
    assertEquals("rotated\n", result.out());
  }

  private Path keyFile(String name) {
    Path key = temp.resolve(name);
    assertEquals(0, Cli.run("KEYGEN", key.toString()).exitCode());
    return key;
  }
}
