package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.testing.Loopback;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * More groups than the process may open sockets for ({@code ulimit -n}): one line naming the limit
 * and 69, before any group is joined, instead of the JDK's error from wherever it ran out.
 */
class FileDescriptorLimitTest {
  private static final int GROUPS = 1100;

  @ParameterizedTest
  @ValueSource(strings = {"RECV", "HEAR"})
  void moreGroupsThanTheLimitAllowsExitSixtyNineNamingTheLimit(String command) throws Exception {
    List<String> args =
        new ArrayList<>(List.of(command, "--iface", Loopback.IFACE, "--timeout", "1", "--groups"));
    for (int i = 0; i < GROUPS; i++) {
      args.add("239.254." + i / 250 + "." + (i % 250 + 1));
    }
    Process process = Cli.spawnFromBash("ulimit -n 1024; exec \"$@\"", args.toArray(String[]::new));
    try {
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running");
      assertEquals(ExitCode.UNAVAILABLE.code(), process.exitValue(), err);
      assertEquals(1, err.lines().count(), err);
      assertTrue(err.startsWith("multicast " + command + ": cannot receive "), err);
      assertTrue(err.contains(" groups: a socket each, and this process may open only "), err);
      assertTrue(err.contains("(ulimit -n is 1024; expected at most "), err);
    } finally {
      process.destroyForcibly();
    }
  }
}
