package dev.multicast.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.testing.Ports;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a users file, on loopback, anyone may send and receive as before, but nobody manages the
 * broker: an anonymous client once paused multicast.out and ran forceFailover.
 */
class BrokerManagementTest {
  @TempDir Path data;
  private EmbeddedBroker broker;
  private int port;

  @BeforeEach
  void startBroker() throws Exception {
    port = Ports.free();
    broker = EmbeddedBroker.start(data, "127.0.0.1", port);
  }

  @AfterEach
  void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void anAnonymousClientSendsAndReceives() throws Exception {
    try (JmsClient client = new JmsClient(broker.url())) {
      MessageConsumer consumer = client.consume("multicast.out");
      client.send("multicast.out", "hello".getBytes(StandardCharsets.UTF_8), Map.of());
      Message message = consumer.receive(10_000);
      assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), JmsClient.body(message));
    }
  }

  @Test
  void anAnonymousStompClientCannotPauseAQueue() throws Exception {
    try (Stomp stomp = Stomp.to(port)) {
      stomp.connect();
      stomp.send(
          "SEND\ndestination:activemq.management\n_AMQ_ResourceName:queue.multicast.out\n"
              + "_AMQ_OperationName:pause\nreceipt:paused\n\n[]\0");
      String answer = stomp.readFrame();
      assertTrue(answer.startsWith("ERROR\n"), answer);
      assertTrue(answer.contains("does not have permission"), answer);
    }
  }

  @Test
  void artemisDefaultClusterLoginCannotManage() throws Exception {
    try (Stomp stomp = Stomp.to(port)) {
      // Artemis lets its cluster user do anything; its default name and password are published.
      stomp.connect("ACTIVEMQ.CLUSTER.ADMIN.USER", "CHANGE ME!!");
      stomp.send(
          "SEND\ndestination:activemq.management\n_AMQ_ResourceName:queue.multicast.out\n"
              + "_AMQ_OperationName:pause\nreceipt:paused\n\n[]\0");
      String answer = stomp.readFrame();
      assertTrue(answer.startsWith("ERROR\n"), answer);
    }
  }

  @Test
  void anAnonymousCoreClientCannotForceAFailover() throws Exception {
    try (JmsClient client = new JmsClient(broker.url())) {
      Session session = client.session();
      try (MessageProducer producer =
          session.createProducer(session.createQueue("activemq.management"))) {
        Message operation = session.createMessage();
        JMSManagementHelper.putOperationInvocation(operation, "broker", "forceFailover");
        assertThrows(JMSSecurityException.class, () -> producer.send(operation));
      }
    }
  }
}
