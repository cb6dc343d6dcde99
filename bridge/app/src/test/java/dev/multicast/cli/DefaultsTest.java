package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultsTest {
  private static final Duration THIRTY_SECONDS = Duration.ofSeconds(30);

  @Test
  void builtInDefaultsMatchTheReference() {
    assertEquals(
        new Defaults(59259, "224.0.0.1", 1, 1316, null, THIRTY_SECONDS),
        Defaults.from(Map.of(), w -> {}));
  }

  @Test
  void validEnvironmentValuesWin() {
    Map<String, String> env =
        Map.of(
            "MULTICAST_PORT", "49152",
            "MULTICAST_GROUP", "239.9.9.9",
            "MULTICAST_TTL", "126",
            "MULTICAST_BUFFER_SIZE", "65507",
            "MULTICAST_FRESHNESS", "5");
    assertEquals(
        new Defaults(49152, "239.9.9.9", 126, 65507, null, Duration.ofSeconds(5)),
        Defaults.from(env, w -> {}));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "MULTICAST_PORT|80|warning: MULTICAST_PORT='80' is not a number from 49152 to 65535; using 59259",
        "MULTICAST_PORT|65536|warning: MULTICAST_PORT='65536' is not a number from 49152 to 65535; using 59259",
        "MULTICAST_PORT|abc|warning: MULTICAST_PORT='abc' is not a number from 49152 to 65535; using 59259",
        "MULTICAST_TTL|0|warning: MULTICAST_TTL='0' is not a number from 1 to 126; using 1",
        "MULTICAST_TTL|127|warning: MULTICAST_TTL='127' is not a number from 1 to 126; using 1",
        "MULTICAST_BUFFER_SIZE|0|warning: MULTICAST_BUFFER_SIZE='0' is not a number from 1 to 65507; using 1316",
        "MULTICAST_BUFFER_SIZE|65508|warning: MULTICAST_BUFFER_SIZE='65508' is not a number from 1 to 65507; using 1316",
        "MULTICAST_GROUP|10.0.0.1|warning: MULTICAST_GROUP='10.0.0.1' is not a multicast address (expected 224.0.0.0 to 239.255.255.255, or ff00::/8); using 224.0.0.1",
        "MULTICAST_FRESHNESS|0|warning: MULTICAST_FRESHNESS='0' is not a number of seconds above 0; using 30",
        "MULTICAST_FRESHNESS|30s|warning: MULTICAST_FRESHNESS='30s' is not a number of seconds above 0; using 30",
        "MULTICAST_GROUP|example.com|warning: MULTICAST_GROUP='example.com' is not a multicast address (expected 224.0.0.0 to 239.255.255.255, or ff00::/8); using 224.0.0.1"
      })
  void anInvalidValueWarnsOnceAndFallsBack(String name, String value, String warning) {
    List<String> warnings = new ArrayList<>();
    Defaults defaults = Defaults.from(Map.of(name, value), warnings::add);
    assertEquals(List.of(warning), warnings);
    assertEquals(new Defaults(59259, "224.0.0.1", 1, 1316, null, THIRTY_SECONDS), defaults);
  }

  @Test
  void theCommandLinePrintsTheWarningAndStillRuns() {
    Cli.Result result = Cli.run(Map.of("MULTICAST_TTL", "x"), new byte[0], "NOOP");
    assertEquals(0, result.exitCode());
    assertEquals(
        "warning: MULTICAST_TTL='x' is not a number from 1 to 126; using 1\n", result.err());
  }
}
