package dev.multicast.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.core.Receiver;
import dev.multicast.core.Sender;
import dev.multicast.security.EnvelopeMode;
import dev.multicast.security.GroupKey;
import dev.multicast.security.OpenResult;
import dev.multicast.security.Opened;
import dev.multicast.security.Opener;
import dev.multicast.security.Sealer;
import dev.multicast.testing.Loopback;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keyed example routes in one real bridge: envelopes made with the group key by a {@link
 * Sealer} here cross lo to the bridge, which opens them onto the topic; what it refuses is counted
 * and dead-lettered with the reason; the topic goes back out sealed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeyedRoutesTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** How long a refused datagram is given to show up on the topic anyway. */
  private static final Duration QUIET = Duration.ofSeconds(1);

  @TempDir static Path data;
  private final Group group = Loopback.group();
  private final GroupKey key = GroupKey.generate();
  private RunningBridge bridge;
  private JmsClient jms;
  private MessageConsumer topic;

  @BeforeAll
  void start() throws Exception {
    bridge = RunningBridge.keyed(data, group, key);
    jms = new JmsClient(bridge.brokerUrl());
  }

  @BeforeEach
  void subscribe() throws Exception {
    topic = jms.subscribe("multicast.in");
  }

  @AfterEach
  void unsubscribe() throws Exception {
    topic.close();
  }

  @AfterAll
  void stop() throws Exception {
    jms.close();
    bridge.close();
  }

  @Test
  void aSealedDatagramReachesTheTopicOpenedWithItsEnvelopeHeaders() throws Exception {
    Sealer sealer = Sealer.keyed(EnvelopeMode.SEAL, key);
    byte[] payload = text("sealed for the topic");
    long epoch = sealer.epoch();
    long sequence = sealer.nextSequence();
    long before = System.currentTimeMillis();
    send(sealer.encode(payload));
    Message message = awaitMessage(payload);
    assertEquals(
        String.format("%08x", sealer.senderId()), message.getStringProperty("MulticastSenderId"));
    assertEquals(epoch, message.getLongProperty("MulticastEpoch"));
    assertEquals(sequence, message.getLongProperty("MulticastSequence"));
    long sentAt = message.getLongProperty("MulticastSentAt");
    assertTrue(sentAt >= before && sentAt <= System.currentTimeMillis(), "sent at " + sentAt);
    assertEquals("seal", message.getStringProperty("MulticastEnvelopeMode"));
    assertEquals(group.host(), message.getStringProperty("MulticastGroup"));
  }

  @Test
  void anAuthDatagramReachesTheTopicToo() throws Exception {
    byte[] payload = text("signed for the topic");
    send(Sealer.keyed(EnvelopeMode.AUTH, key).encode(payload));
    Message message = awaitMessage(payload);
    assertEquals("auth", message.getStringProperty("MulticastEnvelopeMode"));
  }

  @Test
  void aDatagramUnderAnotherKeyIsCountedAndDeadLetteredAsWrongKey() throws Exception {
    byte[] payload = text("from an outsider");
    byte[] envelope = Sealer.keyed(EnvelopeMode.SEAL, GroupKey.generate()).encode(payload);
    assertRejected(envelope, payload, "wrong-key");
  }

  @Test
  void aTamperedDatagramIsCountedAndDeadLetteredAsForged() throws Exception {
    byte[] payload = text("changed on the way");
    byte[] envelope = Sealer.keyed(EnvelopeMode.SEAL, key).encode(payload);
    envelope[envelope.length - 1] ^= 1;
    assertRejected(envelope, payload, "forged");
  }

  @Test
  void aReplayedDatagramReachesTheTopicOnceAndIsDeadLetteredAsReplay() throws Exception {
    byte[] payload = text("said once, sent twice");
    byte[] envelope = Sealer.keyed(EnvelopeMode.SEAL, key).encode(payload);
    send(envelope);
    awaitMessage(payload);
    assertRejected(envelope, payload, "replay");
  }

  @Test
  void aRejectedDatagramDoesNotStopTheRoute() throws Exception {
    byte[] payload = text("after a plain datagram");
    send(text("plain, not an envelope"));
    send(Sealer.keyed(EnvelopeMode.SEAL, key).encode(payload));
    awaitMessage(payload); // else the route stopped after a reject
  }

  @Test
  void aTopicMessageGoesOutSealedAndOpensWithTheKey() throws Exception {
    byte[] payload = text("from the topic, sealed");
    Opener opener = Opener.keyed(key);
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options())) {
      byte[] sent =
          publishUntil(receiver, payload, "something sent to " + group, Optional::isPresent)
              .get()
              .payload();
      assertFalse(Arrays.equals(payload, sent), "sent in clear text");
      OpenResult opened = opener.open(sent);
      assertTrue(opened.accepted(), "refused: " + opened);
      assertEquals(EnvelopeMode.SEAL, ((Opened) opened).mode());
      assertArrayEquals(payload, ((Opened) opened).payload());
    }
  }

  @Test
  void aMessageTheSinkDropsAsALoopUsesNoSequenceNumber() throws Exception {
    Opener opener = Opener.keyed(key);
    String loops =
        "multicast_dropped_total{group=\""
            + group.host()
            + "\",port=\""
            + group.port()
            + "\",reason=\"loop\"}";
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options())) {
      awaitSinkSubscribed(receiver, opener);
      Opened before = publishAndReceive(receiver, opener, text("before the loop"));
      double dropped = bridge.counter(loops);
      // Taken from the group onto the topic, it comes back to the sink, which must drop it.
      send(Sealer.keyed(EnvelopeMode.SEAL, key).encode(text("round the loop")));
      await()
          .atMost(WAIT)
          .untilAsserted(() -> assertEquals(dropped + 1, bridge.counter(loops), loops));
      Opened after = publishAndReceive(receiver, opener, text("after the loop"));
      assertEquals(before.senderId(), after.senderId());
      assertEquals(before.sequence() + 1, after.sequence(), "a gap in the sink's sequence");
    }
  }

  /**
   * Publishes until the bridge sends something to the group, as its topic subscription starts
   * asynchronously, then lets the extra copies pass so that later sequence numbers are exact.
   */
  private void awaitSinkSubscribed(Receiver receiver, Opener opener) {
    byte[] payload = text("is the sink subscribed?");
    publishUntil(
        receiver,
        payload,
        "the sink's first envelope on " + group,
        datagram -> datagram.flatMap(d -> opened(opener, d, payload)).isPresent());
    // The copies published before the first one arrived: the group is quiet once they are by.
    await("the group quiet for " + QUIET)
        .atMost(WAIT)
        .pollInSameThread()
        .until(() -> receiver.receive(QUIET).isEmpty());
  }

  /**
   * Publishes {@code payload} again and again until what comes to the group is {@code wanted}: the
   * bridge's topic subscription starts asynchronously.
   */
  private Optional<Datagram> publishUntil(
      Receiver receiver, byte[] payload, String what, Predicate<Optional<Datagram>> wanted) {
    return await(what)
        .atMost(WAIT)
        .pollInSameThread()
        .until(
            () -> {
              jms.publish("multicast.in", payload);
              return receiver.receive(Duration.ofMillis(500));
            },
            wanted);
  }

  /** Publishes once and returns the envelope the sink sent the payload in. */
  private Opened publishAndReceive(Receiver receiver, Opener opener, byte[] payload)
      throws Exception {
    jms.publish("multicast.in", payload);
    // Others on the group meanwhile are passed over.
    return await("the envelope of '" + new String(payload, StandardCharsets.UTF_8) + "'")
        .atMost(WAIT)
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(1))
        .until(
            () -> receiver.receive(Duration.ofMillis(100)).flatMap(d -> opened(opener, d, payload)),
            Optional::isPresent)
        .get();
  }

  /** The datagram opened, if it is an envelope with the key holding this payload. */
  private static Optional<Opened> opened(Opener opener, Datagram datagram, byte[] payload) {
    return opener.open(datagram.payload()) instanceof Opened opened
            && Arrays.equals(payload, opened.payload())
        ? Optional.of(opened)
        : Optional.empty();
  }

  /** Sends the envelope, which must not reach the topic but be counted and dead-lettered. */
  private void assertRejected(byte[] envelope, byte[] payload, String reason) throws Exception {
    String counter =
        "multicast_rejected_total{group=\""
            + group.host()
            + "\",port=\""
            + group.port()
            + "\",reason=\""
            + reason
            + "\"}";
    double counted = bridge.counter(counter);
    send(envelope);
    Path reasonFile = awaitDeadLetter(envelope);
    assertTrue(
        Files.readString(reasonFile).startsWith("reason: rejected envelope: " + reason + " ("),
        Files.readString(reasonFile));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertEquals(counted + 1, bridge.counter(counter), counter));
    // Counted, so the route has refused it; the window catches one refused and yet passed on.
    JmsClient.assertNoMessage(topic, payload, QUIET);
  }

  /** The dead letter's reason file, found by its {@code .bin} holding the datagram as sent. */
  private Path awaitDeadLetter(byte[] datagram) {
    Path directory = bridge.settings().deadLetterDir();
    return await("a dead letter in " + directory)
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> deadLetter(directory, datagram), Optional::isPresent)
        .get();
  }

  private static Optional<Path> deadLetter(Path directory, byte[] datagram) throws IOException {
    if (!Files.isDirectory(directory)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path bin : files.filter(f -> f.toString().endsWith(".bin")).toList()) {
        if (Arrays.equals(datagram, Files.readAllBytes(bin))) {
          Path txt = Path.of(bin.toString().replaceFirst("\\.bin$", ".txt"));
          if (Files.exists(txt)) {
            return Optional.of(txt);
          }
        }
      }
    }
    return Optional.empty();
  }

  private void send(byte[] datagram) {
    try (Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(datagram);
    }
  }

  private Message awaitMessage(byte[] payload) {
    return JmsClient.awaitMessage(topic, payload, WAIT);
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
