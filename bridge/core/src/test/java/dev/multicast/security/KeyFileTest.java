package dev.multicast.security;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key file that long-running senders and receivers read again when it is rotated. */
class KeyFileTest {
  @TempDir Path dir;

  @Test
  void aRotationIsSeenWithinAboutASecond() {
    Path path = dir.resolve("group.key");
    GroupKey.generate().write(path);
    KeyFile file = KeyFile.open(path, warning -> {});
    GroupKeys rotated = GroupKeys.rotate(path);
    AtomicReference<GroupKeys> seen = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> file.changed().map(keys -> seen.compareAndSet(null, keys)).orElse(false));
    assertEquals(rotated.current().keyId(), seen.get().current().keyId());
    assertEquals(rotated.current().keyId(), file.keys().current().keyId());
  }

  @Test
  void aFileThatCannotBeUsedKeepsTheKeysAndWarnsOnce() throws IOException {
    Path path = dir.resolve("group.key");
    GroupKey key = GroupKey.generate();
    key.write(path);
    List<String> warnings = new ArrayList<>();
    KeyFile file = KeyFile.open(path, warnings::add);
    Files.writeString(path, "not a key\n");
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> file.changed().isEmpty() && !warnings.isEmpty());
    Optional<GroupKeys> again =
        await()
            .during(Duration.ofMillis(1500))
            .atMost(Duration.ofSeconds(3))
            .until(file::changed, Optional::isEmpty);
    assertTrue(again.isEmpty());
    assertEquals(1, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("key file " + path + " is not base64"), warnings.get(0));
    assertEquals(key.keyId(), file.keys().current().keyId());
  }
}
