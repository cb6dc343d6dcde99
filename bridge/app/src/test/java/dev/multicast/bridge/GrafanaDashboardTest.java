package dev.multicast.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multicast.core.Group;
import dev.multicast.core.Sender;
import dev.multicast.security.EnvelopeMode;
import dev.multicast.security.GroupKey;
import dev.multicast.security.Sealer;
import dev.multicast.testing.Loopback;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Grafana dashboard in docs/grafana queries only metrics a real bridge exports: a renamed
 * counter would leave a panel empty without anyone noticing.
 */
class GrafanaDashboardTest {
  private static final Path DASHBOARD =
      Path.of("..", "..", "docs", "grafana", "multicast-bridge.json").toAbsolutePath().normalize();

  /** A metric name in PromQL: followed by a label selector. */
  private static final Pattern METRIC = Pattern.compile("\\b((?:multicast|camel)_[a-z_]+)\\{");

  /**
   * Counted only once the dead-letter directory is full, which DeadLetterLimitTest brings about; a
   * bridge exports it from then on.
   */
  private static final Set<String> ONLY_WHEN_FULL = Set.of("multicast_dead_letters_dropped_total");

  @TempDir Path data;

  @Test
  void everyMetricTheDashboardQueriesIsOneTheBridgeExports() throws Exception {
    Set<String> queried = queriedMetrics();
    assertTrue(queried.contains("multicast_datagrams_in_total"), queried.toString());
    Group group = Loopback.group();
    GroupKey key = GroupKey.generate();
    Path keyFile = data.resolve("group.key");
    key.write(keyFile);
    try (RunningBridge bridge =
            RunningBridge.start(
                data.resolve("bridge"),
                group,
                null,
                Stream.of(
                        "keyed-multicast-to-topic.camel.yaml",
                        "topic-to-keyed-multicast.camel.yaml")
                    .map(Routes::example)
                    .toList(),
                Map.of("multicast.key-file", keyFile.toString()));
        JmsClient jms = new JmsClient(bridge.brokerUrl());
        Sender sender = Sender.open(group, Loopback.options())) {
      // In, a loop back from the topic, a reject and its dead letter.
      sender.send(Sealer.keyed(EnvelopeMode.SEAL, key).encode(text("reading")));
      sender.send(text("not an envelope"));
      Set<String> wanted = new TreeSet<>(queried);
      wanted.removeAll(ONLY_WHEN_FULL);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                // Out, and its own echo; the topic's subscriber starts asynchronously.
                jms.publish("multicast.in", text("command"));
                assertEquals(Set.of(), missing(wanted, exported(bridge)));
              });
    }
  }

  private static Set<String> queriedMetrics() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Set<String> metrics = new TreeSet<>();
    for (JsonNode expression : dashboard.findValues("expr")) {
      Matcher matcher = METRIC.matcher(expression.asText());
      while (matcher.find()) {
        metrics.add(matcher.group(1));
      }
    }
    return metrics;
  }

  private static Set<String> exported(RunningBridge bridge) throws Exception {
    String metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(bridge.management("/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return metrics
        .lines()
        .filter(line -> !line.startsWith("#"))
        .map(line -> line.replaceFirst("[{ ].*", ""))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> missing(Set<String> wanted, Set<String> exported) {
    Set<String> missing = new TreeSet<>(wanted);
    missing.removeAll(exported);
    return missing;
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
