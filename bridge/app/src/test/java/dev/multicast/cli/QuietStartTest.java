package dev.multicast.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.multicast.testing.Namespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge on a host without a MAC address (a container, a test namespace) starts without a word
 * about it: Netty then takes random bytes for its ids, which is all they need.
 */
class QuietStartTest {
  @TempDir Path temp;

  @Test
  void aHostWithoutAMacAddressGetsNoWarning() throws Exception {
    String cause = Namespace.unavailableCause();
    assumeTrue(cause == null, cause);
    try (Namespace host = Namespace.loopbackOnly()) {
      Path out = temp.resolve("bridge.out");
      Path errors = temp.resolve("bridge.err");
      Process bridge =
          host.startCli(
              out, errors, "bridge", "--iface", "lo", "--data", temp.resolve("data").toString());
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .failFast(() -> assertTrue(bridge.isAlive(), () -> "ended: " + read(out)))
            .until(() -> read(out).contains("  joined   "));
      } finally {
        bridge.destroy();
        assertTrue(bridge.waitFor(30, TimeUnit.SECONDS), "the bridge did not stop");
      }
      String err = read(errors);
      assertFalse(err.contains("MacAddressUtil"), err);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
