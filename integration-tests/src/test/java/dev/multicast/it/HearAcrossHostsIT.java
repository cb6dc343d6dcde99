package dev.multicast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Group;
import dev.multicast.harness.MulticastNode;
import dev.multicast.harness.MulticastNode.Result;
import dev.multicast.harness.MulticastNode.Running;
import dev.multicast.harness.RequiresDocker;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/** Scenarios 2 and 3: HEAR answers and relays across hosts, in the reference tool's format. */
@RequiresDocker
class HearAcrossHostsIT {
  private static final Group HOME = Group.of("239.20.2.1", 4243);
  private static final Group OTHER = Group.of("239.20.2.2", 4243);

  private final Network lan = Network.newNetwork();
  private final MulticastNode speaker = new MulticastNode("speaker").on(lan);

  @AfterEach
  void removeHosts() {
    speaker.stop();
    lan.close();
  }

  @Test
  void sayWithAckReportsTheReplyOfEveryHearHostAndStopEndsThemAll() {
    try (MulticastNode second = hear("second");
        MulticastNode third = hear("third")) {
      Startables.deepStart(speaker, second, third).join();

      Result said = speaker.say(HOME, "-m", "hello", "--ack", "2", "--timeout", "5");

      assertEquals(0, said.exitCode(), said::toString);
      Pattern reply =
          Pattern.compile(
              "reply from ([\\d.]+):\\d+ in [\\d.]+ ms: HEAR \\[ HELLO SAID \\('"
                  + Pattern.quote(speaker.address(lan))
                  + "', \\d+\\) \\] from "
                  + Pattern.quote(HOME.host()));
      Set<String> repliers =
          said.lines().stream()
              .map(reply::matcher)
              .filter(Matcher::matches)
              .map(match -> match.group(1))
              .collect(Collectors.toSet());
      assertEquals(Set.of(second.address(lan), third.address(lan)), repliers, said::toString);

      assertEquals(0, speaker.say(HOME, "-m", "STOP").exitCode());
      assertEquals(0, second.awaitExit(Duration.ofSeconds(10)));
      assertEquals(0, third.awaitExit(Duration.ofSeconds(10)));
    }
  }

  @Test
  void hearRelaysAnotherGroupToItsHomeGroupOnce() {
    try (MulticastNode relay = hear("relay", "--groups", HOME.host(), OTHER.host());
        MulticastNode listener = new MulticastNode("listener").on(lan)) {
      Startables.deepStart(speaker, relay, listener).join();
      Running home = listener.recv(HOME, "--timeout", "4");

      Result said = speaker.say(OTHER, "-m", "relay me");

      assertEquals(0, said.exitCode(), said::toString);
      assertEquals(List.of("relay me"), home.await().lines());
      assertTrue(relay.isRunning(), relay::output);
    }
  }

  private MulticastNode hear(String name, String... groups) {
    return new MulticastNode(name).on(lan).hearing(HOME, groups);
  }
}
