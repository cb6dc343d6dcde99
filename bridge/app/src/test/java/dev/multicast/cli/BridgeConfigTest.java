package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.security.GroupKey;
import dev.multicast.testing.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A bad configuration stops {@code multicast bridge} with exit code 78 and one line naming the file
 * and the bad value, before the broker (or anything) binds: a route, or the key file of an
 * envelope.
 */
class BridgeConfigTest {
  private static final Path BAD = Path.of("src/test/resources/routes/bad").toAbsolutePath();
  private static final Path KEYED =
      Path.of("../../routes/examples/keyed-multicast-to-topic.camel.yaml")
          .toAbsolutePath()
          .normalize();

  private static final Path KEYED_SINK =
      Path.of("../../routes/examples/topic-to-keyed-multicast.camel.yaml")
          .toAbsolutePath()
          .normalize();

  @TempDir Path data;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "bad-yaml.camel.yaml|bad-yaml.camel.yaml, line 5, column 6",
        "unknown-parameter.camel.yaml|route typo (file:BAD/unknown-parameter.camel.yaml): unknown parameter 'gruop' of Kamelet multicast-source (expected one of group, iface, port, receiveBufferSize, receiveOwn, site, source)",
        "not-multicast.camel.yaml|route unicast (file:BAD/not-multicast.camel.yaml): parameter group of multicast-source: '10.1.1.1' is not a multicast address",
        "port-out-of-range.camel.yaml|route badport (file:BAD/port-out-of-range.camel.yaml): parameter port of multicast-sink: '70000' is not a port (expected 1 to 65535)",
        "bad-endpoint-option.camel.yaml|Unknown parameters=[{perod=1000}]",
        "sink-iface-address.camel.yaml|route sinkaddress (file:BAD/sink-iface-address.camel.yaml): parameter iface of multicast-sink: '127.0.0.1' is an address; a sink needs the interface's name (such as eth0)",
        "receive-buffer-not-positive.camel.yaml|route badbuffer (file:BAD/receive-buffer-not-positive.camel.yaml): parameter receiveBufferSize of multicast-source: '0' is not a receive buffer size in bytes (expected 1 to 2147483647)",
        "ttl-out-of-range.camel.yaml|route badttl (file:BAD/ttl-out-of-range.camel.yaml): parameter ttl of multicast-sink: '300' is not a TTL (expected 0 to 255)",
        "missing.camel.yaml|route file or directory BAD/missing.camel.yaml does not exist or cannot be read",
        "envelope-bad-freshness.camel.yaml|cannot set freshness to 'soon' (expected int)",
        "envelope-bad-mode.camel.yaml|envelope typo-envelope: mode 'sealed' is not auth, seal or seq",
        "envelope-without-key.camel.yaml|envelope keyless-envelope: mode seal needs a keyFile (expected the path of a group key file, such as {{multicast.key-file}})",
        "sink-envelope-without-key.camel.yaml|route keylesssink (file:BAD/sink-envelope-without-key.camel.yaml): envelope of multicast-sink: mode seal needs a keyFile (expected the path of a group key file, such as {{multicast.key-file}})",
        "sink-envelope-bad-mode.camel.yaml|route sealedsink (file:BAD/sink-envelope-bad-mode.camel.yaml): parameter envelope of multicast-sink: 'sealed' is not none, auth, seal or seq",
        "binary.camel.yaml|route file BAD/binary.camel.yaml: special characters are not allowed",
        "no-route.camel.yaml|no route in BAD/no-route.camel.yaml (expected YAML route files, *.camel.yaml, each holding a list with at least one '- route:')"
      })
  void aBadRouteExitsSeventyEightNamingFileAndValue(String file, String expected)
      throws IOException {
    assertConfigError(expected.replace("BAD", BAD.toString()), BAD.resolve(file));
  }

  @Test
  void aMissingKeyFileExitsSeventyEightNamingIt() throws IOException {
    Path key = data.resolve("missing.key");
    assertConfigError(
        "multicast bridge: envelope keyed-multicast-to-topic-envelope: key file "
            + key
            + " does not exist (expected a file holding a group key)",
        KEYED,
        "-p",
        "multicast.key-file=" + key);
  }

  @Test
  void aKeyFileOthersMayReadExitsSeventyEightNamingIt() throws IOException {
    Path key = data.resolve("shared.key");
    GroupKey.generate().write(key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertConfigError(
        "multicast bridge: envelope keyed-multicast-to-topic-envelope: key file "
            + key
            + " has mode 0644, so group or others may read or write it (expected 0600: chmod 600 "
            + key
            + ")",
        KEYED,
        "-p",
        "multicast.key-file=" + key);
  }

  @Test
  void aSinkKeyFileOthersMayReadExitsSeventyEightNamingRouteAndFile() throws IOException {
    Path key = data.resolve("shared.key");
    GroupKey.generate().write(key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-rw----"));
    assertConfigError(
        "multicast bridge: route topic-to-keyed-multicast (file:"
            + KEYED_SINK
            + "): envelope of multicast-sink: key file "
            + key
            + " has mode 0660, so group or others may read or write it (expected 0600: chmod 600 "
            + key
            + ")",
        KEYED_SINK,
        "-p",
        "multicast.key-file=" + key);
  }

  @Test
  void aDeadLetterLimitThatIsNotANumberExitsSeventyEightNamingIt() throws IOException {
    assertConfigError(
        "multicast bridge: property multicast.dead-letters.max-bytes is '100M' (expected a whole"
            + " number, 0 or more)",
        KEYED,
        "-p",
        "multicast.dead-letters.max-bytes=100M");
  }

  @Test
  void aKeyedRouteWithoutTheKeyFilePropertyExitsSeventyEightNamingFileAndProperty()
      throws IOException {
    assertConfigError(
        "multicast bridge: route file "
            + KEYED
            + ": bean keyed-multicast-to-topic-envelope: property multicast.key-file is not set"
            + " (expected -p multicast.key-file=VALUE)",
        KEYED);
  }

  @Test
  void aKeyedSinkWithoutTheKeyFilePropertyExitsSeventyEightNamingRouteFileAndProperty()
      throws IOException {
    assertConfigError(
        "multicast bridge: route topic-to-keyed-multicast (file:"
            + KEYED_SINK
            + "): parameter keyFile of multicast-sink: property multicast.key-file is not set"
            + " (expected -p multicast.key-file=VALUE)",
        KEYED_SINK);
  }

  @ParameterizedTest
  @ValueSource(strings = {"--broker-port", "--http-port", "--management-port"})
  void aPortAnotherProgramHoldsExitsSixtyNineNamingItBeforeAnythingStarts(String option)
      throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Map<String, Integer> ports = freePorts();
      ports.put(option, taken.getLocalPort());
      Cli.Result result = runBridge(data, ports);
      assertEquals(ExitCode.UNAVAILABLE.code(), result.exitCode(), result.err());
      assertEquals(
          "multicast bridge: cannot listen on 127.0.0.1:"
              + taken.getLocalPort()
              + " ("
              + option
              + "): Address already in use (expected a free port on an address of this host)",
          result.err().strip());
      if (!option.equals("--broker-port")) {
        assertFalse(isListening(ports.get("--broker-port")), "the broker started");
      }
    }
  }

  @Test
  void everyPortAnotherProgramHoldsIsNamedAtOnce() throws IOException {
    try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerSocket broker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Map<String, Integer> ports = freePorts();
      ports.put("--http-port", http.getLocalPort());
      ports.put("--broker-port", broker.getLocalPort());
      Cli.Result result = runBridge(data, ports);
      assertEquals(ExitCode.UNAVAILABLE.code(), result.exitCode(), result.err());
      assertEquals(
          "multicast bridge: cannot listen on 127.0.0.1:"
              + http.getLocalPort()
              + " (--http-port): Address already in use, nor on 127.0.0.1:"
              + broker.getLocalPort()
              + " (--broker-port): Address already in use (expected free ports on an address of"
              + " this host)",
          result.err().strip());
    }
  }

  @Test
  void aBrokerPortThatIsAlsoTheHttpPortExitsSeventyEightNamingBoth() {
    Map<String, Integer> ports = freePorts();
    int port = ports.get("--broker-port");
    ports.put("--http-port", port);
    Cli.Result result = runBridge(data, ports);
    assertEquals(ExitCode.CONFIG.code(), result.exitCode(), result.err());
    assertEquals(
        "multicast bridge: --broker-port "
            + port
            + " is also the --http-port (expected a port of the broker's own)",
        result.err().strip());
    assertFalse(isListening(port), "something started");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "multicast.hold|-1|1 to 2147483647",
        "multicast.hold|abc|1 to 2147483647",
        "multicast.senders|0|1 to 100",
        "multicast.freshness|soon|1 to 2147483647"
      })
  void aShippedRoutePropertyOutOfRangeExitsSeventyEightNamingIt(
      String property, String value, String range) {
    assertConfigError(
        "property " + property + " is '" + value + "' (expected a whole number, " + range + ")",
        Path.of("../../routes/examples/multicast-to-queue.camel.yaml").toAbsolutePath(),
        "-p",
        property + "=" + value);
  }

  @Test
  void aDataDirectoryThatIsAFileExitsSeventyEightNamingIt() throws IOException {
    Path file = Files.writeString(data.resolve("not-a-directory"), "");
    assertDataRefused(file, "Not a directory at " + file.resolve("broker"));
  }

  @Test
  void aDataDirectoryWhereNoneCanBeMadeExitsSeventyEightNamingIt() {
    Path proc = Path.of("/proc/self");
    assertDataRefused(proc, "no directory can be made at " + proc.resolve("broker"));
  }

  /** Runs the bridge with {@code --data dataDir}, which must stop it with 78, saying why. */
  private static void assertDataRefused(Path dataDir, String why) {
    Cli.Result result = runBridge(dataDir, freePorts());
    assertEquals(ExitCode.CONFIG.code(), result.exitCode(), result.err());
    assertEquals(
        "multicast bridge: cannot use --data "
            + dataDir.resolve("broker")
            + ": "
            + why
            + " (expected a directory this user can write, or a path where one can be made)",
        result.err().strip());
  }

  /** Runs the bridge on these routes, which must stop it with 78 and one line, before it binds. */
  private void assertConfigError(String expected, Path routes, String... more) {
    Map<String, Integer> ports = freePorts();
    int brokerPort = ports.get("--broker-port");
    List<String> args = new ArrayList<>(List.of("--routes", routes.toString()));
    args.addAll(List.of(more));
    Cli.Result result = runBridge(data, ports, args.toArray(String[]::new));
    assertEquals(ExitCode.CONFIG.code(), result.exitCode(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().startsWith("multicast bridge: "), result.err());
    assertTrue(result.err().contains(expected), result.err());
    assertFalse(isListening(brokerPort), "the broker started");
  }

  /** A free port for each of the bridge's three listening options. */
  private static Map<String, Integer> freePorts() {
    Map<String, Integer> ports = new LinkedHashMap<>();
    for (String option : List.of("--broker-port", "--http-port", "--management-port")) {
      ports.put(option, Ports.free());
    }
    return ports;
  }

  /** The bridge on {@code lo} with this data directory, these ports and more options. */
  private static Cli.Result runBridge(Path dataDir, Map<String, Integer> ports, String... more) {
    List<String> args =
        new ArrayList<>(List.of("bridge", "--iface", "lo", "--data", dataDir.toString()));
    ports.forEach((option, port) -> args.addAll(List.of(option, Integer.toString(port))));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private static boolean isListening(int port) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
