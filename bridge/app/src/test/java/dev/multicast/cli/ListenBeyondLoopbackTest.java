package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.testing.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listening beyond loopback without users needs saying so: like Artemis's own 'artemis create', the
 * bridge and the broker will not let every host of the network in by default.
 */
class ListenBeyondLoopbackTest {
  private static final String REFUSAL =
      "--listen 0.0.0.0 lets other hosts in, and without --users anyone of them may send and"
          + " receive (expected --users FILE, or --allow-anonymous to allow that knowingly)";

  @TempDir Path temp;

  @Test
  void aBrokerOnEveryAddressWithoutUsersExitsSeventyEight() {
    Cli.Result result =
        Cli.run(
            "broker",
            "--listen",
            "0.0.0.0",
            "--port",
            Integer.toString(Ports.free()),
            "--data",
            temp.toString());

    assertEquals(ExitCode.CONFIG.code(), result.exitCode(), result.err());
    assertEquals("multicast broker: " + REFUSAL, result.err().strip());
  }

  @Test
  void aBridgeOnEveryAddressWithoutUsersExitsSeventyEight() {
    Cli.Result result =
        Cli.run(
            "bridge",
            "--iface",
            "lo",
            "--listen",
            "0.0.0.0",
            "--broker-port",
            Integer.toString(Ports.free()),
            "--http-port",
            Integer.toString(Ports.free()),
            "--management-port",
            Integer.toString(Ports.free()),
            "--data",
            temp.toString());

    assertEquals(ExitCode.CONFIG.code(), result.exitCode(), result.err());
    assertEquals("multicast bridge: " + REFUSAL, result.err().strip());
  }

  @Test
  void allowAnonymousStartsWithAWarningAndNamesTheAddressItListensOn() throws Exception {
    int port = Ports.free();
    Path out = temp.resolve("out");
    Path errors = temp.resolve("err");
    Process broker =
        Cli.spawn(
            out,
            errors,
            "broker",
            "--listen",
            "0.0.0.0",
            "--allow-anonymous",
            "--port",
            Integer.toString(port),
            "--data",
            temp.toString());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!Files.readString(out).contains("multicast broker: tcp://0.0.0.0:" + port)) {
        assertTrue(broker.isAlive() && System.nanoTime() < deadline, Files.readString(out));
        Thread.sleep(50);
      }
    } finally {
      broker.destroy();
      broker.waitFor(20, TimeUnit.SECONDS);
    }
    String err = Files.readString(errors);
    assertTrue(
        err.startsWith(
            "multicast broker: warning: --allow-anonymous: anyone who reaches 0.0.0.0 may send"
                + " and receive without a password\n"),
        err);
  }
}
