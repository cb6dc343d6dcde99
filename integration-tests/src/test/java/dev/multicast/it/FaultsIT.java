package dev.multicast.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multicast.core.Group;
import dev.multicast.harness.MulticastNode;
import dev.multicast.harness.MulticastNode.Result;
import dev.multicast.harness.MulticastNode.Running;
import dev.multicast.harness.RequiresDocker;
import dev.multicast.harness.RouteFiles;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * Scenario 5: sequence-numbered streams on the multicast to queue path through a broker restart and
 * a bridge crash, and a host that is cut off its network and plugged back in.
 */
@RequiresDocker
class FaultsIT {
  private static final Group GROUP = Group.of("239.20.5.1", 4245);
  private static final Group HEAR_GROUP = Group.of("239.20.5.2", 4245);
  private static final String BROKER = "tcp://broker:61616";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Network site;
  private static MulticastNode broker;
  private static MulticastNode bridge;
  private static MulticastNode host;
  private static MulticastNode hear;

  @BeforeAll
  static void startSite() {
    site = Network.newNetwork();
    broker = new MulticastNode("broker").on(site).brokering();
    bridge =
        new MulticastNode("bridge")
            .on(site)
            .withRoutes(RouteFiles.example("multicast-to-queue.camel.yaml"))
            // Its log says when it has joined again after a cut.
            .withEnv("JAVA_TOOL_OPTIONS", "-Dorg.slf4j.simpleLogger.log.dev.multicast.camel=info")
            .bridging(GROUP, "--broker-url", BROKER);
    host = new MulticastNode("host").on(site);
    hear = new MulticastNode("hear").on(site).hearing(HEAR_GROUP);
    broker.start();
    Startables.deepStart(bridge, host, hear).join();
  }

  @AfterAll
  static void stopSite() {
    for (MulticastNode node : List.of(host, hear, bridge, broker)) {
      node.stop();
    }
    site.close();
  }

  @Test
  void aBrokerRestartInTheMiddleOfAStreamLosesNothing() {
    // Another host on the site tells when the stream is under way: 50 of 1,000 are out.
    Running underWay = hear.recv(GROUP, "--count", "50", "--timeout", "30");
    Running stream = say(1000, "through a restart", "250");
    assertEquals(0, underWay.await().exitCode(), underWay.await()::toString);

    broker.reboot();

    assertEquals(0, stream.await().exitCode(), stream.await()::toString);
    Map<Integer, Integer> copies = drainQueue("through a restart");
    System.out.printf(
        "broker restart: %d of 1000 arrived, %d duplicates%n",
        copies.size(), copies.values().stream().mapToInt(n -> n - 1).sum());
    assertEquals(numbers(1000), copies.keySet().stream().toList(), bridge::output);
  }

  @Test
  void aKilledBridgeResumesWhenItIsStartedAgain() {
    bridge.kill();
    bridge.restart();

    assertEquals(0, say(100, "after a crash", "100").await().exitCode());

    assertEquals(numbers(100), drainQueue("after a crash").keySet().stream().toList());
  }

  @Test
  void aBridgeCutOffItsNetworkBridgesAgainOnceReconnected() {
    String rejoined = "joined " + GROUP.host() + " again";
    int rejoinedBefore = occurrences(bridge.output(), rejoined);

    bridge.disconnect(site);
    bridge.connect(site);

    // It looks for its interface once a second, and joins again on the new eth0.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> occurrences(bridge.output(), rejoined) > rejoinedBefore);

    assertEquals(0, say(100, "after a cut", "100").await().exitCode());

    assertEquals(
        numbers(100), drainQueue("after a cut").keySet().stream().toList(), bridge::output);
  }

  @Test
  void aHostCutOffItsNetworkAnswersAgainOnceReconnected() {
    assertEquals(0, ask(2).exitCode(), hear::output);

    hear.disconnect(site);
    Result whileCut = ask(2);
    hear.connect(site);

    assertEquals(1, whileCut.exitCode(), whileCut::toString);
    Result again = askUntilAnswered(5);
    assertEquals(0, again.exitCode(), () -> again + "\n" + hear.output());
  }

  private static int occurrences(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  /** Asks until HEAR answers: it joins again within a second of its interface coming back. */
  private static Result askUntilAnswered(int tries) {
    Result answer = ask(2);
    for (int tried = 1; answer.exitCode() != 0 && tried < tries; tried++) {
      answer = ask(2);
    }
    return answer;
  }

  private static Result ask(int seconds) {
    return host.say(HEAR_GROUP, "-m", "are you there", "--ack", "1", "--timeout", "" + seconds);
  }

  private static Running say(int count, String text, String rate) {
    return host.startSay(GROUP, "--count", "" + count, "--numbered", "-m", text, "--rate", rate);
  }

  /** How many copies of each numbered message with this text the queue held. */
  private static Map<Integer, Integer> drainQueue(String text) {
    Result consumed =
        host.run("consume", "--queue", "multicast.in", "--broker-url", BROKER, "--timeout", "10");
    return consumed.lines().stream()
        .map(FaultsIT::body)
        .filter(body -> body.endsWith(" " + text))
        .map(body -> Integer.valueOf(body.substring(0, body.indexOf(' '))))
        .collect(Collectors.toMap(n -> n, n -> 1, Integer::sum, TreeMap::new));
  }

  private static String body(String line) {
    try {
      JsonNode message = JSON.readTree(line);
      return message.path("body").asText();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Integer> numbers(int count) {
    return IntStream.rangeClosed(1, count).boxed().toList();
  }
}
