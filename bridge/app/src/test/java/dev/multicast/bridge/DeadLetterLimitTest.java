package dev.multicast.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multicast.core.Group;
import dev.multicast.core.Sender;
import dev.multicast.security.EnvelopeMode;
import dev.multicast.security.GroupKey;
import dev.multicast.security.Sealer;
import dev.multicast.testing.Loopback;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of datagrams a keyed route refuses, at a bridge whose dead-letter directory holds two
 * ({@code -p multicast.dead-letters.max=2}): two are written, the rest only counted.
 */
class DeadLetterLimitTest {
  private static final String DROPPED =
      "multicast_dead_letters_dropped_total{route=\"keyed-multicast-to-topic\"}";

  @TempDir Path data;

  @Test
  void beyondTheLimitRefusedDatagramsAreCountedNotWritten() throws Exception {
    Group group = Loopback.group();
    Path keyFile = data.resolve("group.key");
    GroupKey.generate().write(keyFile);
    try (RunningBridge bridge =
        RunningBridge.start(
            data.resolve("bridge"),
            group,
            null,
            List.of(Routes.example("keyed-multicast-to-topic.camel.yaml")),
            Map.of("multicast.key-file", keyFile.toString(), "multicast.dead-letters.max", "2"))) {
      Sealer outsider = Sealer.keyed(EnvelopeMode.SEAL, GroupKey.generate());
      try (Sender sender = Sender.open(group, Loopback.options())) {
        for (int i = 0; i < 20; i++) {
          sender.send(outsider.encode(("forged " + i).getBytes(StandardCharsets.UTF_8)));
        }
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertEquals(18, bridge.counter(DROPPED), DROPPED));
      try (Stream<Path> files = Files.list(bridge.settings().deadLetterDir())) {
        assertEquals(2, files.filter(file -> file.toString().endsWith(".bin")).count());
      }
    }
  }
}
