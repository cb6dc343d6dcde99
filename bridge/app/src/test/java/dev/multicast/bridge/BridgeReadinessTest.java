package dev.multicast.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.core.Receiver;
import dev.multicast.testing.Loopback;
import dev.multicast.testing.Ports;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the bridge says it is ready: its groups joined and its broker reachable. */
class BridgeReadinessTest {
  @TempDir Path data;

  @Test
  void startUpSaysWhichGroupsItJoinedOnlyOnceTheKernelHasTheMembership() throws Exception {
    Group group = Loopback.group();
    try (RunningBridge bridge = RunningBridge.start(data, group)) {
      // Checked at once: a datagram sent as soon as the bridge says it started must find it.
      assertTrue(Loopback.isJoined(group), "said it started before joining " + group);
      assertTrue(bridge.output().contains("  joined   " + group + " on lo\n"), bridge.output());
    }
  }

  @Test
  void startUpSaysItStartedOnlyOnceItsRoutesHaveSubscribedToTheirTopics() throws Exception {
    Group group = Loopback.group();
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options());
        RunningBridge bridge =
            RunningBridge.start(
                data,
                group,
                null,
                List.of(Routes.example("topic-to-multicast.camel.yaml")),
                Map.of());
        JmsClient jms = new JmsClient(bridge.brokerUrl())) {
      // Published at once: a topic drops what comes before its subscriber.
      jms.publish("multicast.in", "first".getBytes(StandardCharsets.UTF_8));
      assertEquals(
          "first", receiver.receive(Duration.ofSeconds(10)).map(Datagram::text).orElse("nothing"));
    }
  }

  @Test
  void readinessNamesTheBrokerAndEachJoinedGroup() throws Exception {
    Group group = Loopback.group();
    try (RunningBridge bridge = RunningBridge.start(data, group)) {
      HttpResponse<String> ready =
          RunningBridge.get(bridge.management("/observe/health/ready?data=true"));
      assertEquals(200, ready.statusCode(), ready.body());
      assertTrue(ready.body().contains(group + " on lo"), ready.body());
      // JSON escapes the slashes of the broker's URL.
      assertTrue(
          ready.body().contains("127.0.0.1:" + bridge.settings().brokerPort()), ready.body());
    }
  }

  @Test
  void readinessIsDownAndNamesTheBrokerWhileTheBrokerIsUnreachable() throws Exception {
    String nobody = "tcp://127.0.0.1:" + Ports.free();
    try (RunningBridge bridge =
        RunningBridge.start(data, Loopback.group(), nobody, List.of(), Map.of())) {
      HttpResponse<String> ready = RunningBridge.get(bridge.management("/observe/health/ready"));
      assertEquals(503, ready.statusCode(), ready.body());
      assertTrue(ready.body().contains("is unreachable"), ready.body());
      assertTrue(ready.body().contains(nobody.substring("tcp://".length())), ready.body());
      assertEquals(200, RunningBridge.get(bridge.management("/observe/health/live")).statusCode());
    }
  }
}
