package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.testing.Ports;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad configuration stops {@code multicast bridge} with exit code 78 and one line naming the file
 * and the bad value, before the broker (or anything) binds.
 */
class BridgeConfigTest {
  private static final Path BAD = Path.of("src/test/resources/routes/bad").toAbsolutePath();

  @TempDir Path data;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bad-yaml.camel.yaml|bad-yaml.camel.yaml, line 5, column 6",
        "unknown-parameter.camel.yaml|route typo (file:BAD/unknown-parameter.camel.yaml): unknown parameter 'gruop' of Kamelet multicast-source (expected one of group, iface, port, site, source)",
        "not-multicast.camel.yaml|route unicast (file:BAD/not-multicast.camel.yaml): parameter group of multicast-source: '10.1.1.1' is not a multicast address",
        "port-out-of-range.camel.yaml|route badport (file:BAD/port-out-of-range.camel.yaml): parameter port of multicast-sink: '70000' is not a port (expected 1 to 65535)",
        "bad-endpoint-option.camel.yaml|Unknown parameters=[{perod=1000}]",
        "sink-iface-address.camel.yaml|route sinkaddress (file:BAD/sink-iface-address.camel.yaml): parameter iface of multicast-sink: '127.0.0.1' is an address; a sink needs the interface's name (such as eth0)",
        "ttl-out-of-range.camel.yaml|route badttl (file:BAD/ttl-out-of-range.camel.yaml): parameter ttl of multicast-sink: '300' is not a TTL (expected 0 to 255)",
        "missing.camel.yaml|route file or directory BAD/missing.camel.yaml does not exist or cannot be read"
      })
  void aBadRouteExitsSeventyEightNamingFileAndValue(String file, String expected)
      throws IOException {
    int brokerPort = Ports.free();
    Cli.Result result =
        Cli.run(
            "bridge",
            "--iface",
            "lo",
            "--routes",
            BAD.resolve(file).toString(),
            "--data",
            data.toString(),
            "--broker-port",
            "" + brokerPort,
            "--http-port",
            "" + Ports.free(),
            "--management-port",
            "" + Ports.free());
    assertEquals(ExitCode.CONFIG.code(), result.exitCode(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().startsWith("multicast bridge: "), result.err());
    assertTrue(result.err().contains(expected.replace("BAD", BAD.toString())), result.err());
    assertFalse(isListening(brokerPort), "the broker started");
  }

  private static boolean isListening(int port) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
