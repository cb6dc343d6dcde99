package dev.multicast.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multicast.bridge.RunningBridge;
import dev.multicast.core.Group;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import dev.multicast.testing.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code multicast top}: a running bridge's groups and counts as a table, or one line why not. */
class TopCommandTest {
  @TempDir Path data;

  @Test
  void aTableNamesTheBridgesGroupWithTheDatagramsItTook() throws Exception {
    Group group = Loopback.group();
    try (RunningBridge bridge = RunningBridge.start(data, group);
        Sender sender = Sender.open(group, Loopback.options())) {
      for (int i = 0; i < 3; i++) {
        sender.send(("reading " + i).getBytes(StandardCharsets.UTF_8));
      }
      String url = bridge.management("/").toString();
      // The bridge samples once a second: the table shows the count once a sample has it.
      Cli.Result result =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(
                  () -> Cli.run("top", url, "--count", "1"),
                  run -> run.exitCode() != 0 || total(run.out(), group).equals(Optional.of("3")));

      assertEquals(0, result.exitCode(), result.err());
      assertEquals(Optional.of("3"), total(result.out(), group), result.out());
    }
  }

  @Test
  void aUrlNobodyAnswersIsOneLineAndExitSixtyNine() {
    String url = "http://127.0.0.1:" + Ports.free() + "/";
    Cli.Result result = Cli.run("top", url, "--count", "1");
    assertEquals(ExitCode.UNAVAILABLE.code(), result.exitCode(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    String prefix = "multicast top: cannot reach the bridge at " + url + ": ";
    assertEquals(
        prefix, result.err().substring(0, Math.min(prefix.length(), result.err().length())));
    assertEquals("", result.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://127.0.0.1:9876/", "127.0.0.1:9876", "http:///monitor", "a b"})
  void aUrlThatIsNotOneIsAUsageErrorNamingIt(String url) {
    Cli.Result result = Cli.run("top", url);
    assertEquals(ExitCode.USAGE.code(), result.exitCode(), result.err());
    assertEquals(
        "multicast top: Invalid value for positional parameter at index 0 (URL): '"
            + url
            + "' is not a bridge's management URL (expected http://HOST:PORT/, such as"
            + " http://127.0.0.1:9876/) (see 'multicast top --help')\n",
        result.err());
  }

  /** The TOTAL in column of the group's row: GROUP INTERFACE STATE IN TOTAL ... */
  private static Optional<String> total(String table, Group group) {
    return table
        .lines()
        .filter(line -> line.startsWith(group + " "))
        .map(line -> Arrays.asList(line.trim().split("\\s+")))
        .map(columns -> columns.get(4))
        .findFirst();
  }
}
