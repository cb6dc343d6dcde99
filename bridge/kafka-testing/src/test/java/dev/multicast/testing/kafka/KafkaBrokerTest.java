package dev.multicast.testing.kafka;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {
  @Test
  void servesOnItsPortUntilStoppedAndAgainAfterARestart() throws Exception {
    try (KafkaBroker broker = new KafkaBroker()) {
      broker.start();
      connect(broker);
      broker.stop();
      assertThrows(IOException.class, () -> connect(broker));
      broker.start();
      connect(broker);
      assertTrue(Files.readString(broker.directory().resolve("broker.log")).contains("started"));
    }
  }

  private static void connect(KafkaBroker broker) throws IOException {
    String[] hostPort = broker.bootstrapServers().split(":");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 2000);
    }
  }
}
