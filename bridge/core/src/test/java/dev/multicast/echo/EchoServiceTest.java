package dev.multicast.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.core.Receiver;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The HEAR echo service over real sockets on the loopback interface. */
class EchoServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  void repliesToTheSenderInTheReferenceFormat() throws Exception {
    Group group = Loopback.group();
    try (EchoService service = EchoService.open(group, List.of(), Loopback.options());
        Sender sender = Sender.open(group, Loopback.options())) {
      CompletableFuture<EchoService.Result> served = serveInBackground(service, 1);
      sender.send("hello".getBytes(StandardCharsets.UTF_8));
      Datagram reply = sender.receiveReply(WAIT).orElseThrow();
      assertEquals(
          "HEAR [ HELLO SAID ('127.0.0.1', "
              + sender.localAddress().getPort()
              + ") ] from "
              + group.host(),
          reply.text());
      assertEquals(1, served.get(10, TimeUnit.SECONDS).replies());
    }
  }

  @Test
  void stopEndsTheServiceAfterItsReply() throws Exception {
    Group group = Loopback.group();
    try (EchoService service = EchoService.open(group, List.of(), Loopback.options());
        Sender sender = Sender.open(group, Loopback.options())) {
      CompletableFuture<EchoService.Result> served = serveInBackground(service, Long.MAX_VALUE);
      sender.send("please STOP now".getBytes(StandardCharsets.UTF_8));
      assertTrue(sender.receiveReply(WAIT).orElseThrow().text().contains("PLEASE STOP NOW"));
      EchoService.Result result = served.get(10, TimeUnit.SECONDS);
      assertTrue(result.stopped());
      assertEquals(1, result.replies());
    }
  }

  @Test
  void aBurstAfterStopGetsNoReply() throws Exception {
    Group group = Loopback.group();
    try (EchoService service = EchoService.open(group, List.of(), Loopback.options());
        Sender sender = Sender.open(group, Loopback.options())) {
      for (String word : new String[] {"one", "STOP", "two", "three"}) {
        sender.send(word.getBytes(StandardCharsets.UTF_8));
      }
      EchoService.Result result =
          service.serve(Long.MAX_VALUE, WAIT, new EchoService.Listener() {});
      assertTrue(result.stopped());
      assertEquals(2, result.replies());
    }
  }

  @Test
  void aReplyTooLargeToSendIsReportedAndTheServiceGoesOn() throws Exception {
    Group group = Loopback.group();
    List<String> ignored = new ArrayList<>();
    try (EchoService service = EchoService.open(group, List.of(), Loopback.options());
        Sender sender = Sender.open(group, Loopback.options())) {
      sender.send("a".repeat(65_480).getBytes(StandardCharsets.UTF_8));
      sender.send("next".getBytes(StandardCharsets.UTF_8));
      EchoService.Result result =
          service.serve(
              1,
              WAIT,
              new EchoService.Listener() {
                @Override
                public void ignored(Datagram heard, String why) {
                  ignored.add(why);
                }
              });
      assertEquals(1, result.replies());
      assertEquals(1, ignored.size());
      assertTrue(ignored.get(0).contains("larger than one datagram"), ignored.get(0));
      assertTrue(sender.receiveReply(WAIT).orElseThrow().text().startsWith("HEAR [ NEXT SAID"));
    }
  }

  @Test
  void lowerCaseStopDoesNotStopIt() throws Exception {
    Group group = Loopback.group();
    try (EchoService service = EchoService.open(group, List.of(), Loopback.options());
        Sender sender = Sender.open(group, Loopback.options())) {
      sender.send("stop".getBytes(StandardCharsets.UTF_8));
      EchoService.Result result =
          service.serve(Long.MAX_VALUE, Duration.ofMillis(500), new EchoService.Listener() {});
      assertFalse(result.stopped());
      assertEquals(1, result.replies());
    }
  }

  @Test
  void aBurstOfOneHundredIsAnsweredOneHundredTimes() throws Exception {
    Group group = Loopback.group();
    try (EchoService service = EchoService.open(group, List.of(), Loopback.options());
        Sender sender = Sender.open(group, Loopback.options())) {
      CompletableFuture<EchoService.Result> served = serveInBackground(service, 100);
      for (int i = 0; i < 100; i++) {
        sender.send(("m" + i).getBytes(StandardCharsets.UTF_8));
      }
      Set<String> replies = new HashSet<>();
      while (replies.size() < 100) {
        replies.add(sender.receiveReply(WAIT).orElseThrow().text());
      }
      assertEquals(100, served.get(10, TimeUnit.SECONDS).replies());
    }
  }

  @Test
  void relaysOtherGroupsToTheHomeGroupOnce() throws Exception {
    Group home = Loopback.group();
    Group other = Loopback.group();
    try (EchoService service = EchoService.open(home, List.of(home, other), Loopback.options());
        Receiver listener = Receiver.open(List.of(home), Loopback.options());
        Sender sender = Sender.open(other, Loopback.options())) {
      CompletableFuture<EchoService.Result> served = serveInBackground(service, Long.MAX_VALUE);
      sender.send("relay me".getBytes(StandardCharsets.UTF_8));
      Datagram relayed = listener.receive(WAIT).orElseThrow();
      assertEquals("relay me", relayed.text());
      assertEquals(home, relayed.group());
      assertTrue(listener.receive(Duration.ofMillis(500)).isEmpty(), "relayed more than once");
      assertTrue(sender.receiveReply(WAIT).orElseThrow().text().startsWith("HEAR [ RELAY ME SAID"));
      service.close();
      EchoService.Result result = served.get(10, TimeUnit.SECONDS);
      assertEquals(1, result.relayed());
      assertEquals(1, result.replies());
    }
  }

  @Test
  void ignoresPayloadsThatAreNotUtf8AndServesTheNext() throws Exception {
    Group group = Loopback.group();
    List<String> ignored = new ArrayList<>();
    try (EchoService service = EchoService.open(group, List.of(), Loopback.options());
        Sender sender = Sender.open(group, Loopback.options())) {
      sender.send(new byte[] {(byte) 0xff, (byte) 0xfe, 0});
      sender.send("ok".getBytes(StandardCharsets.UTF_8));
      EchoService.Result result =
          service.serve(
              1,
              WAIT,
              new EchoService.Listener() {
                @Override
                public void ignored(Datagram heard, String why) {
                  ignored.add(why);
                }
              });
      assertEquals(List.of("its payload is not UTF-8 text"), ignored);
      assertTrue(sender.receiveReply(WAIT).orElseThrow().text().startsWith("HEAR [ OK SAID"));
      assertEquals(1, result.replies());
    }
  }

  private static CompletableFuture<EchoService.Result> serveInBackground(
      EchoService service, long max) {
    return CompletableFuture.supplyAsync(
        () -> service.serve(max, Duration.ofSeconds(20), new EchoService.Listener() {}));
  }
}
