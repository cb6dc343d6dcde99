package dev.multicast.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.multicast.core.Group;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HearReplyTest {
  private static final Group GROUP = Group.of("224.0.0.1", 59259);

  @Test
  void matchesTheReferenceFormat() throws Exception {
    InetSocketAddress sender = new InetSocketAddress(InetAddress.getByName("192.0.2.10"), 40000);
    assertEquals(
        "HEAR [ HELLO SAID ('192.0.2.10', 40000) ] from 224.0.0.1",
        HearReply.format("hello", sender, GROUP));
  }

  @Test
  void upperCasesLikePythonIncludingSharpS() throws Exception {
    InetSocketAddress sender = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1);
    assertEquals(
        "HEAR [ STRASSE ÉTÉ\n SAID ('127.0.0.1', 1) ] from 224.0.0.1",
        HearReply.format("straße été\n", sender, GROUP));
  }

  @Test
  void writesIpv6SendersAsPythonsFourTuple() throws Exception {
    InetSocketAddress sender = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 40000);
    assertEquals(
        "HEAR [ HI SAID ('2001:db8::1', 40000, 0, 0) ] from ff15::7",
        HearReply.format("hi", sender, Group.of("ff15::7", 5000)));
  }
}
