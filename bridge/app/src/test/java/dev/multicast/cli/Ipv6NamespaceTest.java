package dev.multicast.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.multicast.testing.Namespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IPv6 groups on a real multicast link. The loopback interface cannot carry IPv6 multicast, so
 * these tests run the command line inside a network namespace of their own; they are skipped, with
 * the reason, where one cannot be made.
 */
class Ipv6NamespaceTest {
  @TempDir Path temp;
  private Namespace namespace;

  @BeforeEach
  void createNamespace() throws Exception {
    String cause = Namespace.unavailableCause();
    assumeTrue(cause == null, cause);
    namespace = Namespace.create();
  }

  @AfterEach
  void removeNamespace() throws Exception {
    if (namespace != null) {
      namespace.close();
    }
  }

  @Test
  void sayReachesRecvOnAnIpv6Group() throws Exception {
    Path out = temp.resolve("out");
    Process recv =
        cli(out, "ff15::7", "5007", "--verbose", "RECV", "--timeout", "10", "--format", "json");
    awaitListening(recv);
    Process say = cli(temp.resolve("say"), "ff15::7", "5007", "SAY", "-m", "hello v6");
    assertEquals(0, say.waitFor());
    assertTrue(recv.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, recv.exitValue());
    String json = Files.readString(out);
    assertTrue(json.contains("\"group\":\"ff15::7\""), json);
    assertTrue(json.contains("\"payload\":\"hello v6\""), json);
  }

  @Test
  void hearRepliesToAnIpv6SenderWithPythonsFourTuple() throws Exception {
    Process hear =
        cli(temp.resolve("hear"), "ff02::7", "5008", "--verbose", "HEAR", "--timeout", "10");
    awaitListening(hear);
    Path out = temp.resolve("say");
    Process say = cli(out, "ff02::7", "5008", "SAY", "-m", "hi", "--ack", "1", "--timeout", "5");
    assertEquals(0, say.waitFor());
    String reply = Files.readString(out);
    assertTrue(
        reply.matches(
            "(?s)reply from \\[fe80::[0-9a-f:]+%v0\\]:\\d+ in .* ms: HEAR \\[ HI SAID \\('fe80::[0-9a-f:]+%v0', \\d+, 0, \\d+\\) \\] from ff02::7\n"),
        reply);
    assertTrue(hear.waitFor(10, TimeUnit.SECONDS));
  }

  @Test
  void noLoopKeepsTheSendersOwnHostFromHearingIt() throws Exception {
    Path out = temp.resolve("out");
    Process recv = cli(out, "ff15::8", "5009", "--verbose", "RECV", "--timeout", "1");
    awaitListening(recv);
    Process say = cli(temp.resolve("say"), "ff15::8", "5009", "SAY", "--no-loop", "-m", "unheard");
    assertEquals(0, say.waitFor());
    assertTrue(recv.waitFor(10, TimeUnit.SECONDS));
    assertEquals(ExitCode.NOTHING.code(), recv.exitValue());
  }

  @Test
  void theBridgeCarriesAnIpv6GroupBothWays() throws Exception {
    Path outbox = Files.createDirectories(temp.resolve("outbox"));
    Path received = temp.resolve("received");
    Process bridge =
        startBridge(
            "ff15::9",
            "5010",
            "--routes",
            Path.of("../../routes/examples/file-to-multicast.camel.yaml")
                .toAbsolutePath()
                .toString(),
            "--routes",
            Path.of("../../routes/examples/multicast-to-file.camel.yaml")
                .toAbsolutePath()
                .toString(),
            "-p",
            "multicast.outbox=" + outbox,
            "-p",
            "multicast.files=" + received);
    try {
      // Group to file: a datagram from SAY lands in a file of its bytes.
      assertEquals(0, cli(temp.resolve("say"), "ff15::9", "5010", "SAY", "-m", "v6 in").waitFor());
      // File to group: a file dropped in the outbox comes out on the group.
      Process recv =
          cli(temp.resolve("recv"), "ff15::9", "5010", "--verbose", "RECV", "--timeout", "20");
      awaitListening(recv);
      Files.writeString(outbox.resolve("note.txt"), "v6 out");
      assertTrue(recv.waitFor(30, TimeUnit.SECONDS));
      assertEquals("v6 out\n", Files.readString(temp.resolve("recv")));
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertEquals(List.of("v6 in"), filesHolding(received, "v6 in")));
    } finally {
      stop(bridge);
    }
  }

  @Test
  void theSinkWithLoopOffKeepsTheBridgesOwnHostFromHearingIt() throws Exception {
    Path outbox = Files.createDirectories(temp.resolve("outbox"));
    // Each file goes to ff15::b with loop off and to ff15::c with loop on: what arrives on the
    // second shows that the bridge did send.
    Path routes = temp.resolve("loop.camel.yaml");
    Files.writeString(
        routes,
        """
        - route:
            id: file-to-two-groups
            from:
              uri: "file:%s?move=.done"
              steps:
                - to: "kamelet:multicast-sink?group=ff15::b&port=5011&iface=v0&loop=false"
                - to: "kamelet:multicast-sink?group=ff15::c&port=5011&iface=v0&loop=true"
        """
            .formatted(outbox));
    Process bridge = startBridge("ff15::d", "5012", "--routes", routes.toString());
    try {
      Process unlooped =
          cli(temp.resolve("unlooped"), "ff15::b", "5011", "--verbose", "RECV", "--timeout", "60");
      awaitListening(unlooped);
      Process looped =
          cli(temp.resolve("looped"), "ff15::c", "5011", "--verbose", "RECV", "--timeout", "20");
      awaitListening(looped);
      Files.writeString(outbox.resolve("note.txt"), "own host");
      assertTrue(looped.waitFor(30, TimeUnit.SECONDS));
      assertEquals("own host\n", Files.readString(temp.resolve("looped")));
      // Both went out together: a RECV that got its datagram would have ended by now.
      assertFalse(unlooped.waitFor(1, TimeUnit.SECONDS), "loop=false was heard here");
      unlooped.destroy();
      assertEquals("", Files.readString(temp.resolve("unlooped")));
    } finally {
      stop(bridge);
    }
  }

  @Test
  void aBridgeSourceTakesOnlyWhatIsSentToItsIpv6Group() throws Exception {
    Path received = temp.resolve("received");
    Process bridge =
        startBridge(
            "ff15::e",
            "5013",
            "--routes",
            Path.of("../../routes/examples/multicast-to-file.camel.yaml")
                .toAbsolutePath()
                .toString(),
            "-p",
            "multicast.files=" + received);
    try {
      assertEquals(0, unicast("::1", 5013, "unicast to ::1").waitFor());
      assertEquals(0, cli(temp.resolve("say"), "ff15::e", "5013", "SAY", "-m", "v6 in").waitFor());

      await().atMost(Duration.ofSeconds(20)).until(() -> contents(received).contains("v6 in"));
      assertEquals(List.of("v6 in"), contents(received));
    } finally {
      stop(bridge);
    }
  }

  /** One unicast datagram, sent from inside the namespace by a one-file Java program. */
  private Process unicast(String host, int port, String text) throws Exception {
    Path program = temp.resolve("Unicast.java");
    Files.writeString(
        program,
        """
        public class Unicast {
          public static void main(String[] a) throws Exception {
            try (var socket = new java.net.DatagramSocket()) {
              byte[] b = a[2].getBytes(java.nio.charset.StandardCharsets.UTF_8);
              var to = java.net.InetAddress.getByName(a[0]);
              socket.send(new java.net.DatagramPacket(b, b.length, to, Integer.parseInt(a[1])));
            }
          }
        }
        """);
    return namespace.start(
        temp.resolve("unicast"),
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        program.toString(),
        host,
        Integer.toString(port),
        text);
  }

  /** The text of each file in {@code dir}, none while it does not exist. */
  private static List<String> contents(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var listing = Files.list(dir)) {
      return listing.map(Ipv6NamespaceTest::readQuietly).toList();
    }
  }

  /** A bridge in the namespace on the group, journal under the test's directory, once started. */
  private Process startBridge(String group, String port, String... args) throws Exception {
    Path out = temp.resolve("bridge");
    List<String> all =
        new ArrayList<>(List.of("bridge", "--data", temp.resolve("data").toString()));
    all.addAll(List.of(args));
    Process bridge = cli(out, group, port, all.toArray(String[]::new));
    try {
      Cli.awaitOutput(bridge, out, "multicast bridge:", Duration.ofSeconds(60));
      return bridge;
    } catch (RuntimeException | AssertionError e) {
      stop(bridge);
      throw e;
    }
  }

  private static void stop(Process bridge) throws InterruptedException {
    bridge.destroy();
    bridge.waitFor(30, TimeUnit.SECONDS);
    bridge.destroyForcibly();
  }

  /** Those of the files in {@code directory} that hold just {@code text}, as their contents. */
  private static List<String> filesHolding(Path directory, String text) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (var listing = Files.list(directory)) {
      return listing.map(f -> readQuietly(f)).filter(text::equals).toList();
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "";
    }
  }

  /** The command line in the namespace, on {@code v0} and the given group and port. */
  private Process cli(Path out, String group, String port, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    int command = all.get(0).equals("--verbose") ? 1 : 0;
    all.addAll(command + 1, List.of("--iface", "v0", "--group", group, "--port", port));
    return namespace.startCli(out, all.toArray(String[]::new));
  }

  private static void awaitListening(Process process) throws Exception {
    BufferedReader err =
        new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    String line = err.readLine();
    assertTrue(line != null && line.contains("listening on"), String.valueOf(line));
  }
}
