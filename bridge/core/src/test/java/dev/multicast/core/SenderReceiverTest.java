package dev.multicast.core;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.testing.Loopback;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Real datagrams through real sockets on the loopback interface. */
class SenderReceiverTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration SHORT = Duration.ofMillis(300);

  @Test
  void receiverGetsWhatSenderSaysWithSourceAndGroup() {
    Group group = Loopback.group();
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options());
        Sender sender = Sender.open(group, Loopback.options())) {
      sender.send("hello".getBytes(StandardCharsets.UTF_8));
      Datagram datagram = receiver.receive(WAIT).orElseThrow();
      assertEquals("hello", datagram.text());
      assertEquals(group, datagram.group());
      assertEquals(sender.localAddress().getPort(), datagram.source().getPort());
    }
  }

  @Test
  void twoReceiversOfOneGroupBothGetIt() {
    Group group = Loopback.group();
    try (Receiver first = Receiver.open(List.of(group), Loopback.options());
        Receiver second = Receiver.open(List.of(group), Loopback.options());
        Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(new byte[] {1, 2, 3});
      assertArrayEquals(new byte[] {1, 2, 3}, first.receive(WAIT).orElseThrow().payload());
      assertArrayEquals(new byte[] {1, 2, 3}, second.receive(WAIT).orElseThrow().payload());
    }
  }

  @Test
  void receiverOfGroupADoesNotSeeGroupBOnTheSamePort() {
    Group a = Loopback.group();
    Group b = Group.of("239.254.1.1", a.port());
    try (Receiver onA = Receiver.open(List.of(a), Loopback.options());
        Receiver onB = Receiver.open(List.of(b), Loopback.options());
        Sender toB = Sender.open(b, Loopback.options())) {
      toB.send("for b".getBytes(StandardCharsets.UTF_8));
      assertEquals("for b", onB.receive(WAIT).orElseThrow().text());
      assertTrue(onA.receive(SHORT).isEmpty());
    }
  }

  @Test
  void oneReceiverJoinsSeveralGroupsAndTellsThemApart() {
    Group a = Loopback.group();
    Group b = Loopback.group();
    try (Receiver receiver = Receiver.open(List.of(a, b), Loopback.options());
        Sender toA = Sender.open(a, Loopback.options());
        Sender toB = Sender.open(b, Loopback.options())) {
      toA.send("a".getBytes(StandardCharsets.UTF_8));
      toB.send("b".getBytes(StandardCharsets.UTF_8));
      List<Datagram> got = new ArrayList<>();
      await()
          .atMost(WAIT)
          .pollInSameThread()
          .untilAsserted(
              () -> {
                receiver.poll(got::add, 100);
                assertEquals(2, got.size());
              });
      for (Datagram d : got) {
        assertEquals(d.group().equals(a) ? "a" : "b", d.text());
      }
    }
  }

  @Test
  void largestDatagramArrivesIntact() {
    Group group = Loopback.group();
    byte[] payload = new byte[Datagram.MAX_PAYLOAD];
    new Random(7).nextBytes(payload);
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options());
        Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(payload);
      assertArrayEquals(payload, receiver.receive(WAIT).orElseThrow().payload());
    }
  }

  @Test
  void refusesAPayloadLargerThanADatagram() {
    try (Sender sender = Sender.open(Loopback.group(), Loopback.options())) {
      MulticastException e =
          assertThrows(
              MulticastException.class, () -> sender.send(new byte[Datagram.MAX_PAYLOAD + 1]));
      assertEquals(MulticastException.Reason.TOO_LARGE, e.reason());
      assertEquals(
          "a message of 65508 bytes is larger than one datagram can carry (at most 65507 bytes)",
          e.getMessage());
    }
  }

  @Test
  void sourceSpecificJoinAcceptsOnlyItsSource() throws Exception {
    Group any = Loopback.group();
    Group group = Group.of("232.255.0." + (1 + any.port() % 250), any.port());
    InetAddress trusted = InetAddress.getByName("127.0.0.1");
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options(), trusted);
        Sender other =
            Sender.open(group, Loopback.options(), new InetSocketAddress("127.0.0.2", 0));
        Sender source = Sender.open(group, Loopback.options(), new InetSocketAddress(trusted, 0))) {
      other.send("spoof".getBytes(StandardCharsets.UTF_8));
      source.send("real".getBytes(StandardCharsets.UTF_8));
      Datagram first = receiver.receive(WAIT).orElseThrow();
      assertEquals("real", first.text());
      assertEquals(trusted, first.source().getAddress());
      assertTrue(receiver.receive(SHORT).isEmpty());
    }
  }

  @Test
  void aBurstIsDrainedWithoutLoss() {
    Group group = Loopback.group();
    int burst = 2_000;
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options());
        Sender sender = Sender.open(group, Loopback.options())) {
      for (int i = 0; i < burst; i++) {
        sender.send(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
      }
      List<String> got = new ArrayList<>();
      await()
          .atMost(WAIT)
          .pollInSameThread()
          .untilAsserted(
              () -> {
                receiver.poll(d -> got.add(d.text()), 100);
                assertEquals(burst, got.size());
              });
      assertEquals("0", got.get(0));
      assertEquals(Integer.toString(burst - 1), got.get(burst - 1));
    }
  }

  @Test
  void closingLeavesTheGroup() {
    Group group = Loopback.group();
    Receiver receiver = Receiver.open(List.of(group), Loopback.options());
    receiver.close();
    assertFalse(receiver.isOpen());
    assertTrue(receiver.receive(SHORT).isEmpty());
  }

  @Test
  void anUnknownInterfaceIsUnavailableAndNamed() {
    MulticastException e =
        assertThrows(MulticastException.class, () -> Interfaces.resolve("nosuch0"));
    assertEquals(MulticastException.Reason.UNAVAILABLE, e.reason());
    assertTrue(e.getMessage().startsWith("interface 'nosuch0' does not exist"));
  }
}
