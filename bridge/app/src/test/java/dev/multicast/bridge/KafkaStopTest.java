package dev.multicast.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.camel.Site;
import dev.multicast.core.Group;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import dev.multicast.testing.kafka.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A bridge on Kafka that stops while Kafka is away loses nothing it held silently. */
class KafkaStopTest {
  @RegisterExtension final KafkaBroker kafka = new KafkaBroker();

  @TempDir Path data;

  @Test
  void stoppingWhileKafkaIsAwayDeadLettersWhatIsHeldWithTheBatchInDelivery() throws Exception {
    Group group = Loopback.group();
    RunningBridge bridge =
        RunningBridge.onKafka(
            data, group, kafka.bootstrapServers(), List.of(), Map.of(), Site.of(Loopback.iface()));
    try (Sender sender = Sender.open(group, Loopback.options())) {
      kafka.stop();
      for (int i = 0; i < 500; i++) {
        sender.send(Integer.toString(i).getBytes(StandardCharsets.UTF_8));
      }
      String in = RunningBridge.datagramsIn(group);
      await().atMost(Duration.ofSeconds(20)).until(() -> bridge.counter(in) == 500);
    } finally {
      bridge.close();
    }
    List<String> reasons = bridge.deadLetterReasons();
    // The batch Kafka's producer was still trying to send is among them, not dropped.
    assertEquals(500, reasons.size(), bridge.output());
    for (String reason : reasons) {
      assertTrue(reason.startsWith("reason: " + MulticastBridge.SHUTDOWN_REASON + "\n"), reason);
    }
  }
}
