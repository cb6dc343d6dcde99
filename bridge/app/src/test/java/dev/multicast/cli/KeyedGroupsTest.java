package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.core.Receiver;
import dev.multicast.core.Sender;
import dev.multicast.security.EnvelopeMode;
import dev.multicast.security.GroupKey;
import dev.multicast.security.Opened;
import dev.multicast.security.Opener;
import dev.multicast.security.Sealer;
import dev.multicast.testing.Loopback;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** KEYGEN, and SAY, RECV and HEAR with a group key or sequence numbers: real datagrams on lo. */
class KeyedGroupsTest {
  @TempDir Path temp;

  @Test
  void keygenWritesAKeyOnlyItsOwnerCanRead() throws Exception {
    Path key = temp.resolve("group.key");

    Cli.Result result = Cli.run("KEYGEN", key.toString());

    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().startsWith("KEYGEN: wrote key "), result.out());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
  }

  @Test
  void keygenNeverOverwritesAKey() throws Exception {
    Path key = keyFile();
    byte[] before = Files.readAllBytes(key);

    Cli.Result again = Cli.run("KEYGEN", key.toString());

    assertEquals(73, again.exitCode());
    assertTrue(again.err().contains("already exists"), again.err());
    assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(key));
  }

  @Test
  void keygenToAnEmptyPathIsAUsageError() {
    Cli.Result result = Cli.run("KEYGEN", "");

    assertEquals(2, result.exitCode());
    assertEquals(
        "multicast KEYGEN: '' is not a path (expected where to write the key)"
            + " (see 'multicast KEYGEN --help')",
        result.err().strip());
  }

  @Test
  void aSealedSayReachesAKeyedRecvAsItsText() throws Exception {
    Group group = Loopback.group();
    Path key = keyFile();
    Cli.Running recv =
        Cli.start(Cli.on(group, "RECV", "--key-file", key.toString(), "--timeout", "10"))
            .awaitListening();

    Cli.Result said =
        Cli.run(Cli.on(group, "SAY", "--key-file", key.toString(), "--seal", "-m", "secret"));

    assertEquals(0, said.exitCode(), said.err());
    assertEquals("secret\n", recv.await().out());
  }

  @Test
  void aKeyedRecvDropsPlainAndForgedDatagramsAndCountsThem() throws Exception {
    Group group = Loopback.group();
    Path key = keyFile();
    Cli.Running recv =
        Cli.start(
                Cli.on(
                    group,
                    "RECV",
                    "--daemon",
                    "--key-file",
                    key.toString(),
                    "--count",
                    "1",
                    "--timeout",
                    "10",
                    "--stats"))
            .awaitListening();

    Cli.run(Cli.on(group, "SAY", "-m", "plain"));
    Cli.run(Cli.on(group, "SAY", "--key-file", keyFile().toString(), "-m", "another key"));
    Cli.run(Cli.on(group, "SAY", "--key-file", key.toString(), "-m", "genuine"));

    Cli.Result result = recv.await();
    assertEquals("genuine\n", result.out());
    assertTrue(result.err().contains("rejected 2 (malformed 1, wrong_key 1)"), result.err());
  }

  @Test
  void theKeyCanComeFromTheEnvironment() throws Exception {
    Group group = Loopback.group();
    Map<String, String> env = Map.of("MULTICAST_KEY_FILE", keyFile().toString());
    Cli.Running recv = Cli.start(env, Cli.on(group, "RECV", "--timeout", "10")).awaitListening();

    Cli.run(Cli.on(group, "SAY", "-m", "unsigned"));
    Cli.run(env, new byte[0], Cli.on(group, "SAY", "-m", "signed"));

    assertEquals("signed\n", recv.await().out());
  }

  @Test
  void aKeyFileOthersCanReadIsRefused() throws Exception {
    Path key = keyFile();
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    Cli.Result result = Cli.run("SAY", "--iface", "lo", "--key-file", key.toString(), "-m", "x");

    assertEquals(77, result.exitCode());
    assertTrue(result.err().contains("chmod 600 " + key), result.err());
  }

  @Test
  void aMissingKeyFileIsRefused() {
    Path missing = temp.resolve("missing.key");

    Cli.Result result = Cli.run("RECV", "--iface", "lo", "--key-file", missing.toString());

    assertEquals(66, result.exitCode());
    assertTrue(result.err().contains(missing + " does not exist"), result.err());
  }

  @Test
  void aKeyFileThisUserCannotReadIsRefused() throws Exception {
    // Root reads any file whatever its mode, so there is nothing to refuse.
    assumeFalse("root".equals(System.getProperty("user.name")), "root can read a mode-000 file");
    Path key = keyFile();
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("---------"));

    Cli.Result result = Cli.run("RECV", "--iface", "lo", "--key-file", key.toString());

    assertEquals(77, result.exitCode());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().contains("cannot read key file " + key), result.err());
  }

  @Test
  void aKeyFileHoldingTooShortAKeyIsRefused() throws Exception {
    Path key = temp.resolve("short.key");
    Files.writeString(key, Base64.getEncoder().encodeToString(new byte[16]) + "\n");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

    Cli.Result result = Cli.run("RECV", "--iface", "lo", "--key-file", key.toString());

    assertEquals(66, result.exitCode());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().contains("key file " + key + " holds 16 bytes"), result.err());
  }

  @Test
  void sealWithoutAKeyIsAUsageError() {
    Cli.Result result = Cli.run("SAY", "--iface", "lo", "--seal", "-m", "x");

    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("--seal needs a key"), result.err());
  }

  @Test
  void aKeyedHearAnswersOnlyTheKeyAndInAnEnvelope() throws Exception {
    Group group = Loopback.group();
    String key = keyFile().toString();
    Cli.Running hear =
        Cli.start(Cli.on(group, "HEAR", "--daemon", "--key-file", key)).awaitListening();
    try {
      Cli.Result plain = Cli.run(Cli.on(group, "SAY", "-m", "ping", "--ack", "1"));
      Cli.Result keyed =
          Cli.run(
              Cli.on(
                  group, "SAY", "--key-file", key, "-m", "ping", "--ack", "1", "--timeout", "5"));

      assertEquals(1, plain.exitCode(), plain.out());
      assertEquals(0, keyed.exitCode(), keyed.err());
      assertTrue(keyed.out().contains(": HEAR [ PING SAID ('127.0.0.1', "), keyed.out());
    } finally {
      Cli.run(Cli.on(group, "SAY", "--key-file", key, "-m", "STOP"));
      hear.await();
    }
  }

  @Test
  void aKeyedHearRepliesToASealedRequestSealed() throws Exception {
    Group group = Loopback.group();
    Path key = keyFile();
    Cli.Running hear =
        Cli.start(Cli.on(group, "HEAR", "--key-file", key.toString(), "--timeout", "10"))
            .awaitListening();

    byte[] reply;
    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(
          Sealer.keyed(EnvelopeMode.SEAL, GroupKey.read(key))
              .encode("ping".getBytes(StandardCharsets.UTF_8)));
      reply = sender.receiveReply(Duration.ofSeconds(5)).orElseThrow().payload();
    }

    assertEquals(0, hear.await().exitCode());
    Opened opened = (Opened) Opener.keyed(GroupKey.read(key)).open(reply);
    assertEquals(EnvelopeMode.SEAL, opened.mode());
    assertTrue(
        new String(opened.payload(), StandardCharsets.UTF_8).startsWith("HEAR [ PING SAID "),
        new String(opened.payload(), StandardCharsets.UTF_8));
    String onTheWire = new String(reply, StandardCharsets.ISO_8859_1);
    assertFalse(onTheWire.contains("HEAR") || onTheWire.contains("PING"), onTheWire);
  }

  @Test
  void aKeyedHearIgnoresAForgedStop() throws Exception {
    Group group = Loopback.group();
    String key = keyFile().toString();
    Cli.Running hear =
        Cli.start(Cli.on(group, "HEAR", "--daemon", "--key-file", key)).awaitListening();

    Cli.run(Cli.on(group, "SAY", "-m", "STOP"));
    Cli.run(Cli.on(group, "SAY", "--key-file", keyFile().toString(), "-m", "STOP"));
    Cli.Result stillThere =
        Cli.run(
            Cli.on(group, "SAY", "--key-file", key, "-m", "ping", "--ack", "1", "--timeout", "5"));
    Cli.run(Cli.on(group, "SAY", "--key-file", key, "-m", "STOP"));

    assertEquals(0, stillThere.exitCode(), stillThere.err());
    Cli.Result ended = hear.await();
    assertEquals(0, ended.exitCode());
    // Only the genuine STOP was answered, after the ping.
    assertEquals(
        List.of("PING", "STOP"),
        ended.out().lines().map(line -> line.substring(7, 11)).toList(),
        ended.out());
  }

  @Test
  void aKeyedRecvCountsAnEnvelopeStampedOutsideItsFreshnessAsStale() throws Exception {
    Group group = Loopback.group();
    Path key = keyFile();
    Cli.Running recv =
        Cli.start(
                Cli.on(
                    group,
                    "RECV",
                    "--daemon",
                    "--key-file",
                    key.toString(),
                    "--count",
                    "1",
                    "--timeout",
                    "10",
                    "--stats"))
            .awaitListening();

    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(sealedAgo(key, Duration.ofSeconds(60), "a minute old"));
      sender.send(sealedAgo(key, Duration.ZERO, "fresh"));
    }

    Cli.Result result = recv.await();
    assertEquals("fresh\n", result.out());
    assertTrue(result.err().contains("rejected 1 (stale 1)"), result.err());
  }

  @Test
  void aKeyedRecvWithAWiderFreshnessAcceptsAnOlderEnvelope() throws Exception {
    Group group = Loopback.group();
    Path key = keyFile();
    Cli.Running recv =
        Cli.start(
                Cli.on(
                    group,
                    "RECV",
                    "--key-file",
                    key.toString(),
                    "--freshness",
                    "120",
                    "--timeout",
                    "10"))
            .awaitListening();

    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(sealedAgo(key, Duration.ofSeconds(60), "a minute old"));
    }

    assertEquals("a minute old\n", recv.await().out());
  }

  @Test
  void aKeyedHearWithAWiderFreshnessAnswersAnOlderRequest() throws Exception {
    Group group = Loopback.group();
    Path key = keyFile();
    Cli.Running hear =
        Cli.start(
                Cli.on(
                    group,
                    "HEAR",
                    "--key-file",
                    key.toString(),
                    "--freshness",
                    "120",
                    "--timeout",
                    "10"))
            .awaitListening();

    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(sealedAgo(key, Duration.ofSeconds(60), "ping"));
      assertTrue(sender.receiveReply(Duration.ofSeconds(5)).isPresent(), "no reply");
    }

    assertEquals(0, hear.await().exitCode());
  }

  @ParameterizedTest
  @CsvSource({"'', 1", "--freshness=120, 0"})
  void sayAckHearsAReplyFromASkewedClockOnlyWithAWiderFreshness(String option, int exit)
      throws Exception {
    Group group = Loopback.group();
    Path key = keyFile();
    try (Receiver hear = Receiver.open(List.of(group), Loopback.options());
        DatagramChannel replies = DatagramChannel.open()) {
      List<String> args =
          new ArrayList<>(List.of("--key-file", key.toString(), "-m", "ping", "--ack", "1"));
      args.addAll(List.of("--timeout", "3"));
      if (!option.isEmpty()) {
        args.add(option);
      }
      CompletableFuture<Cli.Result> say =
          CompletableFuture.supplyAsync(
              () -> Cli.run(Cli.on(group, "SAY", args.toArray(String[]::new))));
      // A responder whose clock is 60 s behind: its reply is stamped a minute ago.
      Datagram request = hear.receive(Duration.ofSeconds(5)).orElseThrow();
      replies.send(
          ByteBuffer.wrap(sealedAgo(key, Duration.ofSeconds(60), "pong")), request.source());

      Cli.Result result = say.get(10, TimeUnit.SECONDS);
      assertEquals(exit, result.exitCode(), result.err());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-30", "thirty"})
  void freshnessThatIsNotAPositiveNumberOfSecondsIsAUsageError(String value) throws Exception {
    Path key = keyFile();

    Cli.Result result =
        Cli.run("RECV", "--iface", "lo", "--key-file", key.toString(), "--freshness", value);

    assertEquals(2, result.exitCode());
    assertEquals(
        "multicast RECV: Invalid value for option '--freshness': '"
            + value
            + "' is not a number of seconds (expected a number above 0)"
            + " (see 'multicast RECV --help')",
        result.err().strip());
  }

  @Test
  void freshnessWithoutAKeyIsAUsageError() {
    Cli.Result result = Cli.run("HEAR", "--iface", "lo", "--freshness", "60");

    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("--freshness needs a key"), result.err());
  }

  @Test
  void aKeyedRecvCountsAReplayedEnvelopeAsRejectedReplay() throws Exception {
    Group group = Loopback.group();
    Path key = keyFile();
    Cli.Running recv =
        Cli.start(
                Cli.on(
                    group,
                    "RECV",
                    "--daemon",
                    "--key-file",
                    key.toString(),
                    "--count",
                    "2",
                    "--timeout",
                    "10",
                    "--stats"))
            .awaitListening();
    Sealer sealer = Sealer.keyed(EnvelopeMode.AUTH, GroupKey.read(key));
    byte[] first = sealer.encode("first".getBytes(StandardCharsets.UTF_8));
    byte[] second = sealer.encode("second".getBytes(StandardCharsets.UTF_8));

    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(first);
      sender.send(first); // the same datagram again, as an attacker who recorded it would
      sender.send(second);
    }

    Cli.Result result = recv.await();
    assertEquals("first\nsecond\n", result.out());
    assertTrue(result.err().contains("rejected 1 (replay 1)"), result.err());
  }

  @Test
  void recvWithSeqCountsEverySayWithSeqDatagramAndNoneLost() throws Exception {
    Group group = Loopback.group();
    Cli.Running recv =
        Cli.start(
                Cli.on(
                    group,
                    "RECV",
                    "--daemon",
                    "--seq",
                    "--count",
                    "5",
                    "--timeout",
                    "10",
                    "--stats"))
            .awaitListening();

    Cli.Result said = Cli.run(Cli.on(group, "SAY", "--seq", "-m", "tick", "--count", "5"));

    assertEquals(0, said.exitCode(), said.err());
    Cli.Result result = recv.await();
    assertEquals("tick\n".repeat(5), result.out());
    assertTrue(result.err().contains("RECV: received 5 datagrams"), result.err());
    assertTrue(
        result.err().contains("lost 0 (0.0%), duplicated 0, reordered 0, rejected 0"),
        result.err());
  }

  @Test
  void recvWithSeqCountsSkippedRepeatedAndReorderedDatagrams() throws Exception {
    Group group = Loopback.group();
    Cli.Running recv =
        Cli.start(
                Cli.on(
                    group,
                    "RECV",
                    "--daemon",
                    "--seq",
                    "--count",
                    "7",
                    "--timeout",
                    "10",
                    "--stats"))
            .awaitListening();
    Sealer sealer = Sealer.seq();
    byte[][] numbered = new byte[8][];
    for (int n = 0; n < numbered.length; n++) {
      numbered[n] = sealer.encode(("message " + n).getBytes(StandardCharsets.UTF_8));
    }

    // 0, 1, 3, 2 (reordered), 2 again (duplicated), 5, 7: 4 and 6 never come.
    try (Sender sender = Sender.open(group, Loopback.options())) {
      for (int n : List.of(0, 1, 3, 2, 2, 5, 7)) {
        sender.send(numbered[n]);
      }
    }

    Cli.Result result = recv.await();
    assertTrue(
        result.err().contains("lost 2 (25.0%), duplicated 1, reordered 1, rejected 0"),
        result.out() + result.err());
  }

  @Test
  void jsonStatisticsCarryLossAndRejectionCounts() throws Exception {
    Group group = Loopback.group();
    Cli.Running recv =
        Cli.start(
                Cli.on(
                    group,
                    "RECV",
                    "--daemon",
                    "--seq",
                    "--count",
                    "2",
                    "--timeout",
                    "10",
                    "--stats",
                    "--format",
                    "json"))
            .awaitListening();
    Sealer sealer = Sealer.seq();
    byte[] first = sealer.encode(new byte[] {1});
    sealer.encode(new byte[] {2}); // never sent: lost
    byte[] third = sealer.encode(new byte[] {3});

    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send("not an envelope".getBytes(StandardCharsets.UTF_8));
      sender.send(first);
      sender.send(third);
    }

    String summary = recv.await().err().lines().reduce((a, b) -> b).orElseThrow();
    assertTrue(
        summary.matches(
            "\\{\"received\":2,\"bytes\":2,\"seconds\":[\\d.E-]+,\"rate\":\\d+,\"dropped\":0,\"lost\":1,"
                + "\"duplicated\":0,\"reordered\":0,\"rejected\":\\{\"malformed\":1}}"),
        summary);
  }

  @ParameterizedTest
  @ValueSource(strings = {"seal", "auth", "seq"})
  void aJsonLineOfAnEnvelopeCarriesItsSenderEpochSequenceAndMode(String mode) throws Exception {
    Group group = Loopback.group();
    Path key = keyFile();
    List<String> args =
        new ArrayList<>(
            mode.equals("seq") ? List.of("--seq") : List.of("--key-file", key.toString()));
    args.addAll(List.of("--count", "2", "--timeout", "10", "--format", "json"));
    Cli.Running recv =
        Cli.start(Cli.on(group, "RECV", args.toArray(String[]::new))).awaitListening();
    Sealer sealer =
        mode.equals("seq")
            ? Sealer.seq()
            : Sealer.keyed(EnvelopeMode.valueOf(mode.toUpperCase(Locale.ROOT)), GroupKey.read(key));
    sealer.encode(new byte[] {0}); // never sent: each line has the sequence it was sent with
    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(sealer.encode("one".getBytes(StandardCharsets.UTF_8)));
      sender.send(sealer.encode("two".getBytes(StandardCharsets.UTF_8)));
    }

    List<JsonNode> lines = new ArrayList<>();
    for (String line : recv.await().out().lines().toList()) {
      lines.add(new ObjectMapper().readTree(line));
    }
    assertEquals(2, lines.size(), lines.toString());
    for (int i = 0; i < 2; i++) {
      JsonNode line = lines.get(i);
      assertEquals(i == 0 ? "one" : "two", line.get("payload").asText());
      assertEquals(String.format("%08x", sealer.senderId()), line.get("senderId").asText());
      assertEquals(sealer.epoch(), line.get("epoch").asLong());
      assertEquals(i + 1, line.get("sequence").asLong());
      assertEquals(mode, line.get("mode").asText());
      assertTrue(line.get("sent").asText().endsWith("Z"), line.toString());
    }
  }

  @Test
  void aJsonLineOfAPlainDatagramHasNoEnvelopeFields() throws Exception {
    Group group = Loopback.group();
    Cli.Running recv =
        Cli.start(Cli.on(group, "RECV", "--timeout", "10", "--format", "json")).awaitListening();

    Cli.run(Cli.on(group, "SAY", "-m", "plain"));

    JsonNode line = new ObjectMapper().readTree(recv.await().out());
    assertEquals("plain", line.get("payload").asText());
    assertFalse(line.has("senderId") || line.has("sequence"), line.toString());
  }

  /** An auth envelope of {@code text}, stamped by a sender whose clock is {@code ago} behind. */
  private static byte[] sealedAgo(Path key, Duration ago, String text) {
    InstantSource late = InstantSource.offset(InstantSource.system(), ago.negated());
    return Sealer.keyed(EnvelopeMode.AUTH, GroupKey.read(key), late)
        .encode(text.getBytes(StandardCharsets.UTF_8));
  }

  private Path keyFile() {
    Path key = temp.resolve("key-" + System.nanoTime());
    assertEquals(0, Cli.run("KEYGEN", key.toString()).exitCode());
    return key;
  }
}
