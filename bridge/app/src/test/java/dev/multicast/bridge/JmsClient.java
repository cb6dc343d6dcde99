package dev.multicast.bridge;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/** A plain JMS client of the bridge's broker, as any application would be. */
final class JmsClient implements AutoCloseable {
  private final Connection connection;
  private final Session session;

  JmsClient(String brokerUrl) throws JMSException {
    connection = new ActiveMQConnectionFactory(brokerUrl).createConnection();
    session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    connection.start();
  }

  Session session() {
    return session;
  }

  MessageConsumer subscribe(String topic) throws JMSException {
    return session.createConsumer(session.createTopic(topic));
  }

  MessageConsumer consume(String queue) throws JMSException {
    return session.createConsumer(session.createQueue(queue));
  }

  void send(String queue, byte[] body, Map<String, Object> properties) throws JMSException {
    try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
      BytesMessage message = session.createBytesMessage();
      message.writeBytes(body);
      for (Map.Entry<String, Object> property : properties.entrySet()) {
        message.setObjectProperty(property.getKey(), property.getValue());
      }
      producer.send(message);
    }
  }

  void publish(String topic, byte[] body) throws JMSException {
    try (MessageProducer producer = session.createProducer(session.createTopic(topic))) {
      BytesMessage message = session.createBytesMessage();
      message.writeBytes(body);
      producer.send(message);
    }
  }

  /** The body of a message as bytes, whether it was sent as bytes or text. */
  static byte[] body(Message message) throws JMSException {
    if (message instanceof BytesMessage) {
      return message.getBody(byte[].class);
    }
    return message.getBody(String.class).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The first message on {@code consumer} with this body, within {@code atMost}; others (such as
   * other tests' messages on a shared topic) are passed over.
   */
  static Message awaitMessage(MessageConsumer consumer, byte[] body, Duration atMost) {
    return await("a message of '" + new String(body, StandardCharsets.UTF_8) + "'")
        .atMost(atMost)
        .pollInSameThread() // a JMS session belongs to one thread at a time
        .pollInterval(Duration.ofMillis(1))
        .until(
            () -> {
              Message message = consumer.receive(100);
              return carries(message, body) ? message : null;
            },
            Objects::nonNull);
  }

  /**
   * Fails if a message with this body arrives on {@code consumer} within {@code quiet}. Only a
   * window can show that nothing comes; tests first wait for a sign that the input was handled.
   */
  static void assertNoMessage(MessageConsumer consumer, byte[] body, Duration quiet) {
    List<Message> arrived = new ArrayList<>();
    await("no message of '" + new String(body, StandardCharsets.UTF_8) + "' for " + quiet)
        .during(quiet)
        .atMost(quiet.multipliedBy(2))
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(1))
        .failFast(() -> assertEquals(List.of(), arrived, "arrived"))
        .until(
            () -> {
              Message message = consumer.receive(100);
              if (carries(message, body)) {
                arrived.add(message);
              }
              return arrived.isEmpty();
            });
  }

  private static boolean carries(Message message, byte[] expected) throws JMSException {
    return message != null && Arrays.equals(expected, body(message));
  }

  @Override
  public void close() throws JMSException {
    connection.close();
  }
}
