package dev.multicast.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.multicast.core.MulticastException;
import dev.multicast.testing.Loopback;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An embedded broker that stops under a running bridge: started again, or the bridge stops. */
class BrokerWatchTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path data;

  @Test
  void anEmbeddedBrokerThatStopsIsStartedAgainWithOneLine() throws Exception {
    try (RunningBridge bridge = RunningBridge.start(data, Loopback.group())) {
      BrokerService watched = bridge.camel().hasService(BrokerService.class);
      watched.broker().close();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  bridge
                      .output()
                      .contains(
                          "multicast bridge: the embedded broker stopped; started it again (1 of "
                              + BrokerService.MAX_RESTARTS
                              + ")\n"));
      // Clients reach it again at its address.
      try (JmsClient jms = new JmsClient(bridge.brokerUrl())) {
        jms.subscribe("multicast.in").close();
      }
    }
  }

  @Test
  void aBrokerThatKeepsStoppingStopsTheBridgeAsUnavailable() throws Exception {
    RunningBridge bridge = RunningBridge.start(data, Loopback.group());
    BrokerService watched = bridge.camel().hasService(BrokerService.class);
    for (int stop = 1; stop <= BrokerService.MAX_RESTARTS + 1; stop++) {
      await().atMost(WAIT).until(() -> watched.broker().isActive());
      watched.broker().close();
      if (stop <= BrokerService.MAX_RESTARTS) {
        String restarted = "started it again (" + stop + " of " + BrokerService.MAX_RESTARTS + ")";
        await().atMost(WAIT).until(() -> bridge.output().contains(restarted));
      }
    }
    Throwable end = bridge.awaitEnd(Duration.ofSeconds(60));
    MulticastException unavailable = assertInstanceOf(MulticastException.class, end);
    assertEquals(MulticastException.Reason.UNAVAILABLE, unavailable.reason());
    assertEquals(
        "the embedded broker stopped again after " + BrokerService.MAX_RESTARTS + " restarts",
        unavailable.getMessage());
  }
}
