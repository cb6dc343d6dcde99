package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SAY and RECV from the command line, with real datagrams on the loopback interface. */
class SayRecvCommandTest {
  @TempDir Path temp;

  @Test
  void sayReachesRecvAsTextWithANewline() throws Exception {
    Group group = Loopback.group();
    Cli.Running recv = Cli.start(Cli.on(group, "RECV", "--timeout", "10")).awaitListening();
    assertEquals(0, Cli.run(Cli.on(group, "SAY", "-m", "hello", "wörld")).exitCode());
    Cli.Result result = recv.await();
    assertEquals(0, result.exitCode());
    assertEquals("hello wörld\n", result.out());
  }

  @Test
  void sayWithoutAMessageSendsTheReferencesPing() throws Exception {
    Group group = Loopback.group();
    Cli.Running recv = Cli.start(Cli.on(group, "RECV", "--timeout", "10")).awaitListening();
    Cli.Result say = Cli.run(Map.of("HOSTNAME", "here"), new byte[0], Cli.on(group, "SAY"));
    assertEquals(0, say.exitCode(), say.err());
    assertEquals(
        "PING from here: group: " + group.host() + ", port: " + group.port() + "\n",
        recv.await().out());
  }

  @Test
  void numberedMessagesStartWithTheirNumber() throws Exception {
    Group group = Loopback.group();
    Cli.Running recv =
        Cli.start(Cli.on(group, "RECV", "--daemon", "--count", "3", "--timeout", "10"))
            .awaitListening();
    assertEquals(
        0, Cli.run(Cli.on(group, "SAY", "--count", "3", "--numbered", "-m", "hi")).exitCode());
    assertEquals("1 hi\n2 hi\n3 hi\n", recv.await().out());
  }

  @Test
  void numberedRefusesWhatItCannotNumber() {
    Cli.Result result = Cli.run(Cli.on(Loopback.group(), "SAY", "--numbered", "--pipe"));
    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("it cannot number --pipe or --file"), result.err());
  }

  @Test
  void twoReceiversBothGetIt() throws Exception {
    Group group = Loopback.group();
    Cli.Running first = Cli.start(Cli.on(group, "RECV", "--timeout", "10")).awaitListening();
    Cli.Running second = Cli.start(Cli.on(group, "RECV", "--timeout", "10")).awaitListening();
    Cli.run(Cli.on(group, "SAY", "-m", "both"));
    assertEquals("both\n", first.await().out());
    assertEquals("both\n", second.await().out());
  }

  @Test
  void jsonGivesGroupSourceSizePayloadAndTime() throws Exception {
    Group group = Loopback.group();
    Cli.Running recv =
        Cli.start(Cli.on(group, "RECV", "--timeout", "10", "--format", "json")).awaitListening();
    Cli.run(Cli.on(group, "SAY", "-m", "héllo"));
    JsonNode json = new ObjectMapper().readTree(recv.await().out());
    assertEquals(group.host(), json.get("group").asText());
    assertEquals(group.port(), json.get("port").asInt());
    assertEquals("127.0.0.1", json.get("source").asText());
    assertTrue(json.get("sourcePort").asInt() > 0);
    assertEquals(6, json.get("size").asInt());
    assertEquals("héllo", json.get("payload").asText());
    assertEquals("utf-8", json.get("encoding").asText());
    assertTrue(json.get("received").asText().endsWith("Z"));
  }

  @Test
  void jsonWritesOneObjectALineWithNothingBefore() throws Exception {
    Group group = Loopback.group();
    Cli.Running recv =
        Cli.start(Cli.on(group, "RECV", "--count", "2", "--timeout", "10", "--format", "json"))
            .awaitListening();
    Cli.run(Cli.on(group, "SAY", "-m", "x", "--count", "2"));
    for (String line : recv.await().out().lines().toList()) {
      assertTrue(line.startsWith("{\"group\""), line);
    }
  }

  @Test
  void theReferencesJoinSpellingAddsToGroups() throws Exception {
    Group a = Loopback.group();
    Group b = Group.of("239.254.6." + (1 + a.port() % 250), a.port());
    Cli.Running recv =
        Cli.start(
                "RECV",
                "--iface",
                "lo",
                "--port",
                "" + a.port(),
                "--join-mcast-groups",
                a.host(),
                "--groups",
                b.host(),
                "--count",
                "2",
                "--timeout",
                "10")
            .awaitListening();
    Cli.run(Cli.on(a, "SAY", "-m", "to a"));
    Cli.run(Cli.on(b, "SAY", "-m", "to b"));
    // Each group has its own socket: under load the second can be read first.
    assertEquals(List.of("to a", "to b"), recv.await().out().lines().sorted().toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--mcast-group", "--bind-group"})
  void theReferencesGroupSpellingsChooseTheGroupOverTheDefault(String spelling) throws Exception {
    Group group = Loopback.group();
    String[] recvArgs =
        Arrays.stream(Cli.on(group, "RECV", "--timeout", "10"))
            .map(arg -> arg.equals("--group") ? spelling : arg)
            .toArray(String[]::new);
    Cli.Running recv = Cli.start(recvArgs).awaitListening();
    Cli.run(Cli.on(group, "SAY", "-m", "legacy"));
    assertEquals("legacy\n", recv.await().out());
  }

  @Test
  void jsonCarriesBinaryPayloadsAsBase64() throws Exception {
    Group group = Loopback.group();
    Path file = Files.write(temp.resolve("bin"), new byte[] {(byte) 0xff, 0, 1});
    Cli.Running recv =
        Cli.start(Cli.on(group, "RECV", "--timeout", "10", "--format", "JSON")).awaitListening();
    Cli.run(Cli.on(group, "SAY", "--file", file.toString()));
    JsonNode json = new ObjectMapper().readTree(recv.await().out());
    assertEquals("base64", json.get("encoding").asText());
    assertEquals("/wAB", json.get("payload").asText());
  }

  @Test
  void hexAndBase64FormatsEncodeThePayload() throws Exception {
    Group group = Loopback.group();
    Cli.Running hex =
        Cli.start(Cli.on(group, "RECV", "--timeout", "10", "--format", "hex")).awaitListening();
    Cli.Running base64 =
        Cli.start(Cli.on(group, "RECV", "--timeout", "10", "--format", "base64")).awaitListening();
    Cli.run(Cli.on(group, "SAY", "-m", "hi"));
    assertEquals("6869\n", hex.await().out());
    assertEquals("aGk=\n", base64.await().out());
  }

  @Test
  void recvOfSeveralGroupsGetsEach() throws Exception {
    Group a = Loopback.group();
    Group b = Group.of("239.254.3." + (1 + a.port() % 250), a.port());
    Cli.Running recv =
        Cli.start(
                "RECV",
                "--iface",
                "lo",
                "--port",
                "" + a.port(),
                "--groups",
                a.host(),
                b.host(),
                "--count",
                "2",
                "--timeout",
                "10")
            .awaitListening();
    Cli.run(Cli.on(a, "SAY", "-m", "to a"));
    Cli.run(Cli.on(b, "SAY", "-m", "to b"));
    Cli.Result result = recv.await();
    assertEquals(0, result.exitCode());
    // Each group has a socket of its own: what comes on different sockets has no set order.
    assertEquals(List.of("to a", "to b"), result.out().lines().sorted().toList());
  }

  @Test
  void sayWithGroupsSendsToEach() throws Exception {
    Group a = Loopback.group();
    Group b = Group.of("239.254.4." + (1 + a.port() % 250), a.port());
    Cli.Running onA = Cli.start(Cli.on(a, "RECV", "--timeout", "10")).awaitListening();
    Cli.Running onB = Cli.start(Cli.on(b, "RECV", "--timeout", "10")).awaitListening();
    Cli.run(
        "SAY",
        "--iface",
        "lo",
        "--port",
        "" + a.port(),
        "--groups",
        a.host(),
        b.host(),
        "-m",
        "fan");
    assertEquals("fan\n", onA.await().out());
    assertEquals("fan\n", onB.await().out());
  }

  @Test
  void pipeSendsChunksOfTheBufferSizeWithoutSplittingCharacters() throws Exception {
    Group group = Loopback.group();
    // "aé€😀" is 1 + 2 + 3 + 4 bytes: with 4-byte chunks, no cut may fall inside a character.
    String text = "aé€😀b";
    Cli.Running recv =
        Cli.start(Cli.on(group, "RECV", "--daemon", "--timeout", "3", "--format", "hex"))
            .awaitListening();
    Cli.Result say =
        Cli.run(
            Map.of("MULTICAST_BUFFER_SIZE", "4"),
            text.getBytes(StandardCharsets.UTF_8),
            Cli.on(group, "SAY", "--pipe"));
    assertEquals(0, say.exitCode());
    List<String> chunks = recv.await().out().lines().toList();
    StringBuilder joined = new StringBuilder();
    for (String hex : chunks) {
      byte[] chunk = java.util.HexFormat.of().parseHex(hex);
      assertTrue(chunk.length <= 4, "chunk of " + chunk.length + " bytes");
      joined.append(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(chunk)));
    }
    assertEquals(text, joined.toString());
    assertEquals(List.of("61c3a9", "e282ac", "f09f9880", "62"), chunks);
  }

  @Test
  void messageDashReadsStandardInputLikePipe() throws Exception {
    Group group = Loopback.group();
    Cli.Running recv = Cli.start(Cli.on(group, "RECV", "--timeout", "10")).awaitListening();
    Cli.run(
        Map.of(), "from stdin".getBytes(StandardCharsets.UTF_8), Cli.on(group, "SAY", "-m", "-"));
    assertEquals("from stdin\n", recv.await().out());
  }

  @Test
  void emptyStandardInputSendsNothing() throws Exception {
    Group group = Loopback.group();
    Cli.Running recv = Cli.start(Cli.on(group, "RECV", "--timeout", "0.5")).awaitListening();
    assertEquals(0, Cli.run(Map.of(), new byte[0], Cli.on(group, "SAY", "--pipe")).exitCode());
    assertEquals(ExitCode.NOTHING.code(), recv.await().exitCode());
  }

  @Test
  void theLargestDatagramArrivesIntactFromAFile() throws Exception {
    Group group = Loopback.group();
    byte[] payload = new byte[Datagram.MAX_PAYLOAD];
    new Random(1).nextBytes(payload);
    Path file = Files.write(temp.resolve("max.bin"), payload);
    Cli.Running recv =
        Cli.start(Cli.on(group, "RECV", "--timeout", "10", "--format", "base64")).awaitListening();
    assertEquals(0, Cli.run(Cli.on(group, "SAY", "--file", file.toString())).exitCode());
    assertArrayEquals(payload, Base64.getDecoder().decode(recv.await().out().trim()));
  }

  @Test
  void countAndRateSendEveryMessage() throws Exception {
    Group group = Loopback.group();
    Cli.Running recv =
        Cli.start(Cli.on(group, "RECV", "--count", "50", "--timeout", "10", "--stats"))
            .awaitListening();
    assertEquals(
        0,
        Cli.run(Cli.on(group, "SAY", "-m", "tick", "--count", "50", "--rate", "1000")).exitCode());
    Cli.Result result = recv.await();
    assertEquals(50, result.out().lines().count());
    assertTrue(result.err().contains("RECV: received 50 datagrams, 200 bytes"), result.err());
  }

  @Test
  void statsAccountForWhatTheKernelDroppedWhenRecvFellBehind() throws Exception {
    Group group = Loopback.group();
    int sent = 100_000;
    Cli.Running recv =
        Cli.start(
                Cli.on(
                    group,
                    "RECV",
                    "--count",
                    "" + sent,
                    "--timeout",
                    "5",
                    "--stats",
                    "--format",
                    "json"))
            .awaitListening();
    // Unpaced, so that RECV may fall behind; whatever it did not take, the kernel counted.
    try (Sender sender = Sender.open(group, Loopback.options())) {
      byte[] payload = new byte[100];
      for (int i = 0; i < sent; i++) {
        sender.send(payload);
      }
    }
    String summaryLine =
        recv.await().err().lines().filter(line -> line.startsWith("{")).findFirst().orElseThrow();
    JsonNode summary = new ObjectMapper().readTree(summaryLine);
    assertEquals(
        sent,
        summary.get("received").asLong() + summary.get("dropped").asLong(),
        summary.toString());
  }

  @Test
  void sourceSpecificRecvIgnoresOtherSenders() throws Exception {
    Group any = Loopback.group();
    Group group = Group.of("232.254.0." + (1 + any.port() % 250), any.port());
    Cli.Running recv =
        Cli.start(Cli.on(group, "RECV", "--source", "127.0.0.9", "--timeout", "0.5"))
            .awaitListening();
    Cli.run(Cli.on(group, "SAY", "-m", "from 127.0.0.1"));
    assertEquals(ExitCode.NOTHING.code(), recv.await().exitCode());
  }

  @Test
  void environmentPortAndGroupAreTheDefaults() throws Exception {
    Group group = Loopback.group().withPort(49152 + Loopback.group().port() % 10000);
    Map<String, String> env =
        Map.of("MULTICAST_GROUP", group.host(), "MULTICAST_PORT", "" + group.port());
    Cli.Running recv = Cli.start(env, "RECV", "--iface", "lo", "--timeout", "10").awaitListening();
    Cli.run(env, new byte[0], "SAY", "--iface", "lo", "-m", "env");
    assertEquals("env\n", recv.await().out());
  }
}
