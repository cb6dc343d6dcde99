package dev.multicast.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Group;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import java.io.ByteArrayOutputStream;
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
 * The embedded broker's one acceptor takes clients that are not JMS, as the README promises: each
 * speaks its protocol's own bytes over a plain socket to the broker port, with no client library.
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
    byte[] clientId = "gaps-mqtt".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream connect = new ByteArrayOutputStream();
    // MQTT 3.1.1 CONNECT: protocol name "MQTT", level 4, clean session, keep-alive 60 s.
    byte[] variableHeader = {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60};
    connect.write(0x10);
    connect.write(variableHeader.length + 2 + clientId.length);
    connect.write(variableHeader);
    connect.write(0);
    connect.write(clientId.length);
    connect.write(clientId);
    try (Socket socket = connect()) {
      socket.getOutputStream().write(connect.toByteArray());
      socket.getOutputStream().flush();
      // CONNACK, remaining length 2, no session present, return code 0 (accepted).
      assertArrayEquals(new byte[] {0x20, 2, 0, 0}, socket.getInputStream().readNBytes(4));
    }
  }

  @Test
  void anAmqpClientIsAnsweredInAmqp() throws Exception {
    // The AMQP 1.0 header of a SASL layer; the broker answers with its own before its mechanisms.
    byte[] saslHeader = {'A', 'M', 'Q', 'P', 3, 1, 0, 0};
    try (Socket socket = connect()) {
      socket.getOutputStream().write(saslHeader);
      socket.getOutputStream().flush();
      assertArrayEquals(saslHeader, socket.getInputStream().readNBytes(saslHeader.length));
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", bridge.settings().brokerPort());
    socket.setSoTimeout(TIMEOUT_MILLIS);
    return socket;
  }
}
