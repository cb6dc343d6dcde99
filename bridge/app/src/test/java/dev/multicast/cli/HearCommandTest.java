package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Group;
import dev.multicast.testing.Loopback;
import org.junit.jupiter.api.Test;

/** HEAR and SAY --ack from the command line, with real datagrams on the loopback interface. */
class HearCommandTest {
  @Test
  void ackReportsTheReplyInTheReferenceFormat() throws Exception {
    Group group = Loopback.group();
    Cli.Running hear = Cli.start(Cli.on(group, "HEAR", "--timeout", "10")).awaitListening();
    Cli.Result say = Cli.run(Cli.on(group, "SAY", "-m", "ping", "--ack", "1", "--timeout", "5"));
    assertEquals(0, say.exitCode(), say.err());
    String line = say.out().trim();
    assertTrue(
        line.matches(
            "reply from 127\\.0\\.0\\.1:\\d+ in \\d+\\.\\d\\d ms: HEAR \\[ PING SAID \\('127\\.0\\.0\\.1', \\d+\\) \\] from "
                + group.host().replace(".", "\\.")),
        line);
    Cli.Result heard = hear.await();
    assertEquals(0, heard.exitCode());
    assertTrue(heard.out().startsWith("HEAR [ PING SAID ('127.0.0.1', "), heard.out());
  }

  @Test
  void ackWaitsForEveryListener() throws Exception {
    Group group = Loopback.group();
    Cli.Running first =
        Cli.start(Cli.on(group, "HEAR", "--daemon", "--timeout", "10")).awaitListening();
    Cli.Running second =
        Cli.start(Cli.on(group, "HEAR", "--daemon", "--timeout", "10")).awaitListening();
    Cli.Result say = Cli.run(Cli.on(group, "SAY", "-m", "ping", "--ack", "2", "--timeout", "5"));
    assertEquals(0, say.exitCode(), say.err());
    assertEquals(2, say.out().lines().count());
    Cli.run(Cli.on(group, "SAY", "-m", "STOP"));
    assertEquals(0, first.await().exitCode());
    assertEquals(0, second.await().exitCode());
  }

  @Test
  void daemonStopsOnStopAfterReplying() throws Exception {
    Group group = Loopback.group();
    Cli.Running hear =
        Cli.start(Cli.on(group, "HEAR", "--daemon", "--timeout", "20")).awaitListening();
    Cli.run(Cli.on(group, "SAY", "-m", "one"));
    Cli.Result stop = Cli.run(Cli.on(group, "SAY", "-m", "STOP", "--ack", "1", "--timeout", "5"));
    assertTrue(stop.out().contains("HEAR [ STOP SAID"), stop.out());
    Cli.Result heard = hear.await();
    assertEquals(0, heard.exitCode());
    assertEquals(2, heard.out().lines().count(), heard.out());
  }

  @Test
  void relaysOtherGroupsToTheHomeGroup() throws Exception {
    Group home = Loopback.group();
    Group other = Group.of("239.254.5." + (1 + home.port() % 250), home.port());
    Cli.Running hear =
        Cli.start(
                Cli.on(
                    home,
                    "HEAR",
                    "--daemon",
                    "--groups",
                    home.host(),
                    other.host(),
                    "--timeout",
                    "10"))
            .awaitListening();
    Cli.Running recv = Cli.start(Cli.on(home, "RECV", "--timeout", "10")).awaitListening();
    Cli.run(Cli.on(other, "SAY", "-m", "via relay"));
    assertEquals("via relay\n", recv.await().out());
    Cli.run(Cli.on(home, "SAY", "-m", "STOP"));
    assertEquals(0, hear.await().exitCode());
  }

  @Test
  void withoutAnythingToHearItExitsOneAfterItsTimeout() {
    Group group = Loopback.group();
    Cli.Result result = Cli.run(Cli.on(group, "HEAR", "--timeout", "0.2"));
    assertEquals(1, result.exitCode());
    assertEquals("HEAR: no datagram on [" + group + "] within 0.2 s\n", result.err());
  }
}
