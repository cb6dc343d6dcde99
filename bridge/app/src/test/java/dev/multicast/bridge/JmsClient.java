package dev.multicast.bridge;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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

  @Override
  public void close() throws JMSException {
    connection.close();
  }
}
