package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.multicast.core.Group;
import dev.multicast.testing.Loopback;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every exit code in the table, each with its one-line message on standard error. */
class ExitCodeTest {
  @TempDir Path temp;

  @Test
  void noopSucceeds() {
    Cli.Result result = Cli.run("NOOP");
    assertEquals(0, result.exitCode());
    assertEquals("", result.err());
  }

  @Test
  void commandsAreCaseInsensitive() {
    assertEquals(0, Cli.run("noop").exitCode());
  }

  @Test
  void recvThatTimesOutWithNothingExitsOne() {
    Group group = Loopback.group();
    Cli.Result result = Cli.run(Cli.on(group, "RECV", "--timeout", "0.2"));
    assertEquals(1, result.exitCode());
    assertEquals("RECV: no datagram on [" + group + "] within 0.2 s\n", result.err());
  }

  @Test
  void sayWhoseAckGetsTooFewRepliesExitsOne() {
    Group group = Loopback.group();
    Cli.Result result =
        Cli.run(Cli.on(group, "SAY", "-m", "anyone?", "--ack", "1", "--timeout", "0.3"));
    assertEquals(1, result.exitCode());
    assertEquals("SAY: got 0 of 1 replies within 0.3 s\n", result.err());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "FOO| multicast: Unmatched argument at index 0: 'FOO'",
        "SAY --bogus| multicast SAY: Unknown option: '--bogus'",
        "SAY --port 70000 -m x| multicast SAY: Invalid value for option '--port': '70000' is not a port (expected 1 to 65535)",
        "RECV --port http| multicast RECV: Invalid value for option '--port': 'http' is not a port (expected 1 to 65535)",
        "SAY --group 10.1.2.3 -m x| multicast SAY: Invalid value for option '--group': '10.1.2.3' is not a multicast address",
        "SAY --mcast-group 10.1.2.3 -m x| multicast SAY: Invalid value for option '--mcast-group': '10.1.2.3' is not a multicast address",
        "SAY --ttl 256 -m x| multicast SAY: Invalid value for option '--ttl': '256' is not a TTL (expected 0 to 255)",
        "SAY --count 0 -m x| multicast SAY: Invalid value for option '--count': '0' is not a count (expected 1 or more)",
        "SAY --rate -5 -m x| multicast SAY: Invalid value for option '--rate': '-5' is not a rate in datagrams per second (expected a number above 0)",
        "RECV --timeout soon| multicast RECV: Invalid value for option '--timeout': 'soon' is not a number of seconds (expected a number above 0)",
        "RECV --format xml| multicast RECV: Invalid value for option '--format': expected one of",
        "RECV --source 239.1.1.1| multicast RECV: Invalid value for option '--source': '239.1.1.1' is not a source address",
        "SAY -m a --file b| multicast SAY: --message=WORDS, --file=PATH are mutually exclusive (specify only one)",
        "SAY --pipe --count 2| multicast SAY: --count repeats -m or --file; it cannot repeat --pipe",
        "SAY --pipe -m hi| multicast SAY: --message=WORDS, --pipe are mutually exclusive (specify only one)",
        "SAY --iface lo --group 239.1.1.1 --groups ff15::7 -m x| multicast SAY: give IPv4 groups or IPv6 groups, not both",
        "| multicast: missing command (expected one of SAY, RECV, HEAR, NOOP, KEYGEN, bridge, broker, consume, passwd, top, generate-completion)"
      })
  void usageErrorsExitTwoWithOneLineNamingTheValue(String args, String message) {
    Cli.Result result = Cli.run(args == null ? new String[0] : args.trim().split(" "));
    assertEquals(2, result.exitCode());
    assertTrue(result.err().startsWith(message.trim()), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertFalse(result.err().contains("\tat "), "no stack trace");
  }

  @Test
  void aMessageLargerThanADatagramExitsSixtyFive() {
    Cli.Result result =
        Cli.run(
            "SAY", "--iface", "lo", "--group", Loopback.group().host(), "-m", "x".repeat(65_508));
    assertEquals(65, result.exitCode());
    assertEquals(
        "multicast SAY: a message of 65508 bytes is larger than one datagram can carry (at most 65507 bytes)\n",
        result.err());
  }

  @Test
  void aFileLargerThanADatagramExitsSixtyFive() throws IOException {
    Path big = Files.write(temp.resolve("big.bin"), new byte[65_508]);
    Cli.Result result =
        Cli.run(
            "SAY", "--iface", "lo", "--group", Loopback.group().host(), "--file", big.toString());
    assertEquals(65, result.exitCode());
    assertEquals(
        "multicast SAY: file "
            + big
            + " has 65508 bytes, more than one datagram can carry (at most 65507 bytes)\n",
        result.err());
  }

  @Test
  void aFileThatNeverEndsExitsSixtyFiveWithoutReadingItAll() {
    Cli.Result result =
        Cli.run("SAY", "--iface", "lo", "--group", Loopback.group().host(), "--file", "/dev/zero");
    assertEquals(65, result.exitCode(), result.err());
    assertEquals(
        "multicast SAY: file /dev/zero gives more bytes than one datagram can carry (at most 65507 bytes)\n",
        result.err());
  }

  @Test
  void aDirectoryAsFileExitsSixtySix() {
    Cli.Result result = Cli.run("SAY", "--iface", "lo", "--file", temp.toString());
    assertEquals(66, result.exitCode());
    assertEquals(
        "multicast SAY: file " + temp + " is a directory (expected a file to send)\n",
        result.err());
  }

  @ParameterizedTest
  @CsvSource({"SAY, --file", "SAY, --key-file", "RECV, --key-file", "HEAR, --key-file"})
  void anEmptyFileNameIsAUsageError(String command, String option) {
    Cli.Result result = Cli.run(command, "--iface", "lo", option, "");
    assertEquals(2, result.exitCode());
    assertEquals(
        "multicast "
            + command
            + ": Invalid value for option '"
            + option
            + "': '' is not a file name (expected the path of a file) (see 'multicast "
            + command
            + " --help')\n",
        result.err());
  }

  @Test
  void aSourceOfTheOtherIpVersionIsAUsageError() {
    Cli.Result result = Cli.run("RECV", "--iface", "lo", "--group", "232.1.1.1", "--source", "::1");
    assertEquals(2, result.exitCode());
    assertEquals(
        "multicast RECV: --source ::1 and group 232.1.1.1 are of different IP versions"
            + " (expected a sender of the group's own version) (see 'multicast RECV --help')\n",
        result.err());
  }

  @Test
  void aMissingFileExitsSixtySix() {
    Path missing = temp.resolve("missing.txt");
    Cli.Result result = Cli.run("SAY", "--iface", "lo", "--file", missing.toString());
    assertEquals(66, result.exitCode());
    assertEquals("multicast SAY: no such file: " + missing + "\n", result.err());
  }

  @Test
  void anUnknownInterfaceExitsSixtyNine() {
    Cli.Result result = Cli.run("RECV", "--iface", "nosuch0", "--group", Loopback.group().host());
    assertEquals(69, result.exitCode());
    assertEquals(
        "multicast RECV: interface 'nosuch0' does not exist (expected a name such as lo or an address of this host)\n",
        result.err());
  }

  @Test
  void anExceptionNoCommandExpectsIsAnInternalErrorSeventy() {
    assertEquals(
        new Failure(
            ExitCode.SOFTWARE,
            "internal error: java.lang.IllegalStateException: surprise (run with --verbose for"
                + " details)"),
        Failure.of(new IllegalStateException("surprise")));
  }

  @Test
  void anUnreadableFileExitsSeventySeven() throws IOException {
    assumeFalse("root".equals(System.getProperty("user.name")), "root reads every file");
    Path secret = Files.writeString(temp.resolve("secret"), "x");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    assertEquals(77, Cli.run("SAY", "--iface", "lo", "--file", secret.toString()).exitCode());
  }

  @Test
  void permissionDeniedMapsToSeventySeven() {
    assertEquals(
        new Failure(ExitCode.PERMISSION, "permission denied: /etc/shadow"),
        Failure.of(new AccessDeniedException("/etc/shadow")));
  }

  @Test
  void verboseShowsTheStackTrace() {
    Cli.Result result = Cli.run("--verbose", "RECV", "--iface", "nosuch0");
    assertEquals(69, result.exitCode());
    assertTrue(result.err().contains("\tat dev.multicast"), result.err());
  }
}
