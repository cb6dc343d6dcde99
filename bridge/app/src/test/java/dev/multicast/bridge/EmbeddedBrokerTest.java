package dev.multicast.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerTest {
  @TempDir Path data;

  @Test
  void aPortTakenAfterTheCommandCheckedItStopsTheBrokerNamingThePort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CannotListenException e =
          assertThrows(
              CannotListenException.class,
              () -> EmbeddedBroker.start(data, "127.0.0.1", taken.getLocalPort()));
      assertEquals(
          "the broker cannot listen on 127.0.0.1:"
              + taken.getLocalPort()
              + " (expected a free port on an address of this host)",
          e.getMessage());
    }
  }
}
