package dev.multicast.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.multicast.testing.Loopback;
import dev.multicast.testing.Ports;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A bridge given {@code --broker-url}: it uses that broker and starts none of its own. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalBrokerTest {
  @TempDir static Path brokerData;
  @TempDir static Path bridgeData;
  private EmbeddedBroker broker;
  private RunningBridge bridge;

  @BeforeAll
  void start() throws Exception {
    broker = EmbeddedBroker.start(brokerData, "127.0.0.1", Ports.free());
    bridge = RunningBridge.start(bridgeData, Loopback.group(), broker.url(), List.of(), Map.of());
  }

  @AfterAll
  void stop() throws Exception {
    try {
      bridge.close();
    } finally {
      broker.close();
    }
  }

  @Test
  void aBrokerUrlStartsNoBrokerOfItsOwn() {
    int own = bridge.settings().brokerPort();
    assertThrows(
        ConnectException.class,
        () -> new Socket("127.0.0.1", own).close(),
        "something listens on the bridge's own broker port " + own);
    assertFalse(
        Files.exists(bridge.settings().brokerDir()),
        "a journal in " + bridge.settings().brokerDir());
  }

  @Test
  void theStartupSummaryNamesTheExternalBroker() {
    String summary = bridge.output();
    List<String> brokerLines = summary.lines().filter(l -> l.startsWith("  broker ")).toList();
    assertEquals(List.of("  broker   " + broker.url() + " (external)"), brokerLines, summary);
  }
}
