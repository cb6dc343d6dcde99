package dev.multicast.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.bridge.access.BrokerSecurity;
import dev.multicast.bridge.access.Users;
import dev.multicast.testing.Ports;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.Socket;
import java.nio.file.Path;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a users file, the broker lets in its users alone, on every protocol of its acceptor, and
 * each may do what its roles say.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerUsersTest {
  @TempDir static Path data;
  private EmbeddedBroker broker;
  private int port;

  @BeforeAll
  void startBroker() throws Exception {
    Path file = TestUsers.write(data.resolve("users.txt"));
    port = Ports.free();
    broker =
        EmbeddedBroker.start(
            data.resolve("broker"), "127.0.0.1", port, BrokerSecurity.of(Users.read(file)));
  }

  @AfterAll
  void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  void anAnonymousCoreClientIsRefused() {
    assertThrows(
        JMSSecurityException.class,
        () -> new ActiveMQConnectionFactory(broker.url()).createConnection().close());
  }

  @Test
  void aCoreClientWithAWrongPasswordIsRefused() {
    assertThrows(
        JMSSecurityException.class,
        () ->
            new ActiveMQConnectionFactory(broker.url())
                .createConnection(TestUsers.SENDER, "not-the-password")
                .close());
  }

  @Test
  void anAnonymousStompClientIsRefused() throws Exception {
    try (Stomp stomp = Stomp.to(port)) {
      String answer = stomp.connect();
      assertTrue(answer.startsWith("ERROR\n"), answer);
    }
  }

  @Test
  void aStompClientWithAWrongPasswordIsRefusedAndTheRightOneLetIn() throws Exception {
    try (Stomp stomp = Stomp.to(port)) {
      String answer = stomp.connect(TestUsers.RECEIVER, "not-the-password");
      assertTrue(answer.startsWith("ERROR\n"), answer);
    }
    try (Stomp stomp = Stomp.to(port)) {
      String answer = stomp.connect(TestUsers.RECEIVER, TestUsers.password(TestUsers.RECEIVER));
      assertTrue(answer.startsWith("CONNECTED\n"), answer);
      stomp.disconnect();
    }
  }

  @Test
  void anMqttClientIsLetInOnlyWithTheRightPassword() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      assertNotEquals(0, RawClients.mqttConnect(socket, "anonymous-mqtt", null, null));
    }
    try (Socket socket = new Socket("127.0.0.1", port)) {
      assertNotEquals(
          0, RawClients.mqttConnect(socket, "wrong-mqtt", TestUsers.SENDER, "not-the-password"));
    }
    try (Socket socket = new Socket("127.0.0.1", port)) {
      assertEquals(
          0,
          RawClients.mqttConnect(
              socket, "right-mqtt", TestUsers.SENDER, TestUsers.password(TestUsers.SENDER)));
    }
  }

  @Test
  void anAmqpClientIsLetInOnlyWithTheRightPassword() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      String anonymous = RawClients.amqpLogin(socket, null, null);
      assertTrue(anonymous.contains("unauthorized-access"), anonymous);
    }
    try (Socket socket = new Socket("127.0.0.1", port)) {
      assertEquals(
          "sasl-outcome 1", RawClients.amqpLogin(socket, TestUsers.SENDER, "not-the-password"));
    }
    try (Socket socket = new Socket("127.0.0.1", port)) {
      assertEquals(
          "open",
          RawClients.amqpLogin(socket, TestUsers.SENDER, TestUsers.password(TestUsers.SENDER)));
    }
  }

  @Test
  void aSendOnlyUserCannotConsume() throws Exception {
    try (Connection connection = login(TestUsers.SENDER)) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      session
          .createProducer(session.createQueue("multicast.out"))
          .send(session.createTextMessage("x"));
      assertThrows(
          JMSSecurityException.class,
          () -> session.createConsumer(session.createQueue("multicast.out")));
    }
  }

  @Test
  void aReceiveOnlyUserCannotSend() throws Exception {
    try (Connection connection = login(TestUsers.RECEIVER)) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      session.createConsumer(session.createTopic("multicast.in")).close();
      assertThrows(
          JMSSecurityException.class,
          () ->
              session
                  .createProducer(session.createQueue("multicast.out"))
                  .send(session.createTextMessage("x")));
    }
  }

  @Test
  void aSenderReachesAReceiver() throws Exception {
    try (Connection receiving = login(TestUsers.RECEIVER);
        Connection sending = login(TestUsers.SENDER)) {
      Session in = receiving.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer consumer = in.createConsumer(in.createQueue("handed.over"));
      receiving.start();
      Session out = sending.createSession(false, Session.AUTO_ACKNOWLEDGE);
      out.createProducer(out.createQueue("handed.over")).send(out.createTextMessage("hello"));
      Message message = consumer.receive(10_000);
      assertEquals("hello", message.getBody(String.class));
    }
  }

  @Test
  void anAdminManagesAndOthersDoNot() throws Exception {
    String version =
        "SEND\ndestination:activemq.management\n_AMQ_ResourceName:broker\n"
            + "_AMQ_OperationName:getVersion\nreceipt:asked\n\n[]\0";
    try (Stomp stomp = Stomp.to(port)) {
      stomp.connect(TestUsers.ADMIN, TestUsers.password(TestUsers.ADMIN));
      stomp.send(version);
      String answer = stomp.readFrame();
      assertTrue(answer.startsWith("RECEIPT\n"), answer);
    }
    try (Stomp stomp = Stomp.to(port)) {
      stomp.connect(TestUsers.SENDER, TestUsers.password(TestUsers.SENDER));
      stomp.send(version);
      String answer = stomp.readFrame();
      assertTrue(answer.startsWith("ERROR\n"), answer);
    }
  }

  @Test
  void onlyAnAdminReadsDeadLetters() throws Exception {
    try (Connection connection = login(TestUsers.RECEIVER)) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      assertThrows(
          JMSSecurityException.class,
          () -> session.createConsumer(session.createQueue(EmbeddedBroker.DEAD_LETTER)));
    }
    try (Connection connection = login(TestUsers.ADMIN)) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      session.createConsumer(session.createQueue(EmbeddedBroker.DEAD_LETTER)).close();
    }
  }

  private Connection login(String user) throws Exception {
    return new ActiveMQConnectionFactory(broker.url())
        .createConnection(user, TestUsers.password(user));
  }
}
