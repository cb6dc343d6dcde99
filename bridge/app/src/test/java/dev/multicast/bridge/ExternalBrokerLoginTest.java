package dev.multicast.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.multicast.bridge.access.Access;
import dev.multicast.bridge.access.BrokerLogin;
import dev.multicast.core.Group;
import dev.multicast.core.Sender;
import dev.multicast.testing.Loopback;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge on a shared broker that asks for users logs in as its own user; with a wrong password it
 * is alive but not ready, and readiness says why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalBrokerLoginTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path temp;
  private EmbeddedBroker broker;

  @BeforeAll
  void startBroker() throws Exception {
    broker = TestUsers.broker(temp);
  }

  @AfterAll
  void stopBroker() throws Exception {
    broker.close();
  }

  private Access loginAs(String user, String password) {
    return Access.ANONYMOUS.withBrokerLogin(Optional.of(new BrokerLogin(user, password)));
  }

  @Test
  void aBridgeWithItsUserBridgesToTheBroker() throws Exception {
    Group group = Loopback.group();
    try (RunningBridge bridge =
            RunningBridge.start(
                temp.resolve("good"),
                group,
                broker.url(),
                loginAs(TestUsers.BRIDGE, TestUsers.password(TestUsers.BRIDGE)));
        Connection connection =
            new ActiveMQConnectionFactory(broker.url())
                .createConnection(TestUsers.RECEIVER, TestUsers.password(TestUsers.RECEIVER))) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer in = session.createConsumer(session.createTopic("multicast.in"));
      connection.start();
      try (Sender sender = Sender.open(group, Loopback.options())) {
        sender.send("through a login".getBytes(StandardCharsets.UTF_8));
      }
      Message message = in.receive(20_000);
      assertArrayEquals(
          "through a login".getBytes(StandardCharsets.UTF_8), JmsClient.body(message));
      assertEquals(200, ready(bridge).statusCode());
    }
  }

  @Test
  void aWrongPasswordTakesReadinessDownWithTheReasonAndNotThePassword() throws Exception {
    String wrong = "wrong-" + java.util.UUID.randomUUID();
    try (RunningBridge bridge =
        RunningBridge.start(
            temp.resolve("bad"),
            Loopback.group(),
            broker.url(),
            loginAs(TestUsers.BRIDGE, wrong))) {
      // The first refusal takes one slow password hash on the broker; readiness asks again.
      HttpResponse<String> ready =
          Awaitility.await()
              .atMost(Duration.ofSeconds(60))
              .until(
                  () -> ready(bridge),
                  answer -> answer.body().contains("refused user " + TestUsers.BRIDGE));
      assertEquals(503, ready.statusCode(), ready.body());
      assertFalse(ready.body().contains(wrong), ready.body());
      assertFalse(bridge.output().contains(wrong), bridge.output());
    }
  }

  private static HttpResponse<String> ready(RunningBridge bridge) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(bridge.management("/observe/health/ready")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
