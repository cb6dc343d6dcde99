package dev.multicast.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Group;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker's one acceptor takes clients that are not JMS, as docs/bridging.md promises:
 * each speaks its protocol's own bytes over a plain socket to the broker port, with no client
 * library.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerProtocolsTest {
  private static final int TIMEOUT_MILLIS = 10_000;

  @TempDir static Path data;
  private Group group;
  private RunningBridge bridge;

  @BeforeAll
  void startBridge() throws Exception {
    group = Loopback.group();
    bridge = RunningBridge.start(data, group);
  }

  @AfterAll
  void stopBridge() throws Exception {
    bridge.close();
  }

  @Test
  void aStompClientConnects() throws Exception {
    try (Stomp stomp = new Stomp(connect())) {
      String connected = stomp.connect();
      assertTrue(connected.startsWith("CONNECTED\n"), connected);
      assertTrue(connected.contains("\nversion:1.2\n"), connected);
      stomp.disconnect();
    }
  }

  @Test
  void aStompSubscriberToTheTopicGetsADatagramWithItsHeaders() throws Exception {
    try (Stomp stomp = new Stomp(connect())) {
      stomp.connect();
      // The topic route's address: a MULTICAST subscription on it is a topic subscriber.
      stomp.send(
          "SUBSCRIBE\nid:0\ndestination:multicast.in\nsubscription-type:MULTICAST\n"
              + "ack:auto\nreceipt:subscribed\n\n\0");
      String receipt = stomp.readFrame();
      assertTrue(receipt.startsWith("RECEIPT\n"), receipt);
      assertTrue(receipt.contains("\nreceipt-id:subscribed\n"), receipt);
      try (Sender sender = Sender.open(group, Loopback.options())) {
        sender.send("over stomp".getBytes(StandardCharsets.UTF_8));
      }
      String message = stomp.awaitMessage("over stomp");
      assertTrue(message.contains("\nMulticastGroup:" + group.host() + "\n"), message);
      assertTrue(message.contains("\nMulticastPort:" + group.port() + "\n"), message);
      stomp.disconnect();
    }
  }

  @Test
  void anMqttClientConnects() throws Exception {
    try (Socket socket = connect()) {
      assertEquals(0, RawClients.mqttConnect(socket, "gaps-mqtt", null, null));
    }
  }

  @Test
  void anAmqpClientLogsIn() throws Exception {
    try (Socket socket = connect()) {
      assertEquals("open", RawClients.amqpLogin(socket, null, null));
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", bridge.settings().brokerPort());
    socket.setSoTimeout(TIMEOUT_MILLIS);
    return socket;
  }
}
