package dev.multicast.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multicast.core.Group;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RECV and HEAR whose standard output goes away or fails, in their own JVM with real streams: as
 * cat does, a reader that left ({@code | head -1}) ends them quietly with 141 (SIGPIPE's code), an
 * output that is closed or full ends them with one line and 74.
 */
class StandardOutputTest {
  @ParameterizedTest
  @ValueSource(strings = {"RECV", "HEAR"})
  void aReaderThatLeavesEndsTheCommandQuietlyWithOneFortyOne(String command) throws Exception {
    Group group = Loopback.group();
    Process process = Cli.spawn(Redirect.PIPE, daemon(command, group));
    try (Sender sender = Sender.open(group, Loopback.options())) {
      // As `| head -1`: one line read, then the pipe closed.
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        sendUntil(sender, () -> out.ready());
        out.readLine();
      }
      sendUntil(sender, () -> !process.isAlive());
      assertEquals("", stderr(process));
      assertEquals(ExitCode.PIPE_CLOSED.code(), process.exitValue());
    } finally {
      process.destroyForcibly();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"RECV", "HEAR"})
  void aFullOutputEndsTheCommandWithOneLineAndSeventyFour(String command) throws Exception {
    Group group = Loopback.group();
    Process process = Cli.spawn(Redirect.to(new File("/dev/full")), daemon(command, group));
    assertEndsWithOneLine(
        process, group, command, "cannot write to standard output: No space left on device");
  }

  @ParameterizedTest
  @ValueSource(strings = {"RECV", "HEAR"})
  void aClosedOutputEndsTheCommandWithOneLineAndSeventyFour(String command) throws Exception {
    Group group = Loopback.group();
    Process process = Cli.spawnFromBash("exec \"$@\" >&-", daemon(command, group));
    assertEndsWithOneLine(
        process, group, command, "cannot write to standard output: Bad file descriptor");
  }

  private static String[] daemon(String command, Group group) {
    String[] args = Cli.on(group, command);
    String[] all = new String[args.length + 1];
    all[0] = "--daemon";
    System.arraycopy(args, 0, all, 1, args.length);
    return all;
  }

  private static void assertEndsWithOneLine(
      Process process, Group group, String command, String message) throws Exception {
    try (Sender sender = Sender.open(group, Loopback.options())) {
      sendUntil(sender, () -> !process.isAlive());
      assertEquals("multicast " + command + ": " + message + "\n", stderr(process));
      assertEquals(ExitCode.OUTPUT.code(), process.exitValue());
    } finally {
      process.destroyForcibly();
    }
  }

  /** Sends a datagram at each poll, since the command says nothing when it starts to listen. */
  private static void sendUntil(Sender sender, Callable<Boolean> condition) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              sender.send("a line".getBytes(StandardCharsets.UTF_8));
              return condition.call();
            });
  }

  private static String stderr(Process process) throws Exception {
    return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
