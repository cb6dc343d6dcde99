package dev.multicast.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Group;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command in its own JVM, stopped by a signal as a person or a supervisor would. */
class SignalTest {
  @TempDir Path temp;

  @Test
  void sigintExitsOneThirtyWithFinalStatistics() throws Exception {
    assertStoppedBy("INT", 130);
  }

  @Test
  void sigtermExitsOneFortyThreeWithFinalStatistics() throws Exception {
    assertStoppedBy("TERM", 143);
  }

  @Test
  void noopWithDaemonWaitsUntilTerminated() throws Exception {
    Process noop = Cli.spawn(temp.resolve("out"), "NOOP", "--daemon");
    try {
      assertFalse(noop.waitFor(1, TimeUnit.SECONDS), "NOOP --daemon ended by itself");
      signal(noop, "TERM");
      assertTrue(noop.waitFor(10, TimeUnit.SECONDS), "still running after SIGTERM");
      assertEquals(143, noop.exitValue());
    } finally {
      noop.destroyForcibly();
    }
  }

  /** Sends a signal as kill(1) would. */
  static void signal(Process process, String signal) throws Exception {
    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
  }

  private void assertStoppedBy(String signal, int expectedExit) throws Exception {
    Group group = Loopback.group();
    Path out = temp.resolve("out");
    Process recv =
        Cli.spawn(
            out,
            "--verbose",
            "--daemon",
            "RECV",
            "--iface",
            "lo",
            "--group",
            group.host(),
            "--port",
            "" + group.port(),
            "--stats");
    try (BufferedReader err =
        new BufferedReader(new InputStreamReader(recv.getErrorStream(), StandardCharsets.UTF_8))) {
      assertTrue(err.readLine().startsWith("RECV: listening on"));
      try (Sender sender = Sender.open(group, Loopback.options())) {
        sender.send("before the signal".getBytes(StandardCharsets.UTF_8));
      }
      // Signalled once it has written the datagram, so the statistics have one to count.
      await().atMost(Duration.ofSeconds(10)).until(() -> Files.size(out) > 0);
      signal(recv, signal);
      assertTrue(recv.waitFor(10, TimeUnit.SECONDS), "still running after SIG" + signal);
      assertEquals(expectedExit, recv.exitValue());
      assertEquals(List.of("before the signal"), Files.readAllLines(out));
      assertTrue(err.readLine().startsWith("RECV: received 1 datagrams, 17 bytes"));
    } finally {
      recv.destroyForcibly();
    }
  }
}
