package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multicast.testing.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code multicast consume}: bad options and an absent broker get one line and their exit code. */
class ConsumeCommandTest {
  @Test
  void aBrokerNobodyListensOnExitsSixtyNineNamingIt() {
    String url = "tcp://127.0.0.1:" + Ports.free();
    Cli.Result result = Cli.run("consume", "--topic", "x", "--broker-url", url, "--timeout", "1");
    assertEquals(ExitCode.UNAVAILABLE.code(), result.exitCode(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    String prefix = "multicast consume: cannot reach broker " + url + ": ";
    assertEquals(
        prefix, result.err().substring(0, Math.min(prefix.length(), result.err().length())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"--topic", "--queue"})
  void anEmptyDestinationIsAUsageErrorNamingIt(String option) {
    Cli.Result result = Cli.run("consume", option, "");
    assertEquals(ExitCode.USAGE.code(), result.exitCode(), result.err());
    assertEquals(
        "multicast consume: Invalid value for option '"
            + option
            + "': '' is not a topic or queue name (expected a name such as multicast.in)"
            + " (see 'multicast consume --help')\n",
        result.err());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"foo://bar", "", "127.0.0.1:61616", "tcp://127.0.0.1:abc", "tcp://:61616"})
  void aBrokerUrlThatIsNoneIsAUsageErrorNamingIt(String url) {
    for (String command : new String[] {"consume", "bridge"}) {
      Cli.Result result =
          command.equals("consume")
              ? Cli.run("consume", "--topic", "x", "--broker-url", url)
              : Cli.run("bridge", "--iface", "lo", "--broker-url", url);
      assertEquals(ExitCode.USAGE.code(), result.exitCode(), command + ": " + result.err());
      assertEquals(
          "multicast "
              + command
              + ": Invalid value for option '--broker-url': '"
              + url
              + "' is not a broker URL (expected tcp://HOST:PORT, such as tcp://127.0.0.1:61616)"
              + " (see 'multicast "
              + command
              + " --help')\n",
          result.err());
    }
  }
}
