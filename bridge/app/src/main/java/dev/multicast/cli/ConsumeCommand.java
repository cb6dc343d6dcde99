package dev.multicast.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.multicast.bridge.BridgeSettings;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQMessageConsumer;
import org.springframework.core.NestedExceptionUtils;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A JMS consumer for looking at what the bridge puts on the broker. */
@Command(
    name = "consume",
    sortOptions = false,
    header = "Print a JMS topic's or queue's messages as JSON lines.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  multicast consume --topic multicast.in",
      "  multicast consume --queue multicast.in --count 10 \\",
      "      --broker-url tcp://broker:61616"
    })
final class ConsumeCommand implements Callable<Integer> {
  /** How long a consumer the broker left waits for the client to say why. */
  private static final long LOST_REASON_SECONDS = 5;

  private final Context context;

  static final class Destination {
    @Option(
        names = "--topic",
        paramLabel = "NAME",
        converter = Converters.DestinationName.class,
        description = "A topic, e.g. multicast.in.")
    String topic;

    @Option(
        names = "--queue",
        paramLabel = "NAME",
        converter = Converters.DestinationName.class,
        description = "A queue, e.g. multicast.in.")
    String queue;
  }

  @ArgGroup(multiplicity = "1")
  Destination destination;

  @Option(
      names = "--broker-url",
      paramLabel = "URL",
      converter = Converters.BrokerUrl.class,
      description = "The broker (default: ${DEFAULT-VALUE}, the bridge's embedded one).")
  String brokerUrl = BridgeSettings.DEFAULT_BROKER_URL;

  @Option(
      names = "--count",
      paramLabel = "N",
      converter = Converters.Count.class,
      description = "Stop after N messages (default: no limit).")
  Long count;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      converter = Converters.Seconds.class,
      description = "Stop after this long without a message (default: no limit).")
  Double timeout;

  ConsumeCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    long limit = count == null ? Long.MAX_VALUE : count;
    long waitMillis = timeout == null ? 0 : Math.max(1, (long) (timeout * 1000));
    CompletableFuture<JMSException> lost = new CompletableFuture<>();
    try (Connection connection = connect()) {
      connection.setExceptionListener(lost::complete);
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer consumer =
          session.createConsumer(
              destination.topic != null
                  ? session.createTopic(destination.topic)
                  : session.createQueue(destination.queue));
      connection.start();
      OutputStream out = context.out();
      JsonGenerator json =
          new JsonFactory()
              .setRootValueSeparator(null)
              .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
              .createGenerator(out, JsonEncoding.UTF8);
      long received = 0;
      for (Message message = consumer.receive(waitMillis);
          message != null;
          message = received < limit ? consumer.receive(waitMillis) : null) {
        try {
          write(json, message);
          out.write('\n');
          out.flush();
        } catch (IOException e) {
          throw new StandardOutputException(e);
        }
        received++;
      }
      // The client closes the consumer when the broker goes away, and receive() says only null.
      if (received < limit && ((ActiveMQMessageConsumer) consumer).isClosed()) {
        throw new UnavailableException("lost broker " + brokerUrl + ": " + why(lost), null);
      }
      return received > 0 ? ExitCode.OK.code() : ExitCode.NOTHING.code();
    }
  }

  /** Why the connection failed, as the client tells its exception listener, on its own thread. */
  private static String why(CompletableFuture<JMSException> lost) {
    try {
      return NestedExceptionUtils.getMostSpecificCause(
              lost.get(LOST_REASON_SECONDS, TimeUnit.SECONDS))
          .getMessage();
    } catch (ExecutionException | TimeoutException e) {
      return "its connection closed";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "its connection closed";
    }
  }

  /** A connection to the broker, or a one-line reason why there is none (69). */
  private Connection connect() {
    // Not closed here: closing the factory would close the connection it made.
    try {
      return new ActiveMQConnectionFactory(brokerUrl).createConnection();
    } catch (JMSException e) {
      // Artemis says why in the innermost exception.
      Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
      throw new UnavailableException(
          "cannot reach broker " + brokerUrl + ": " + cause.getMessage(), e);
    }
  }

  private static void write(JsonGenerator json, Message message) throws Exception {
    json.writeStartObject();
    String text = text(message);
    if (text != null) {
      json.writeStringField("body", text);
      json.writeStringField("encoding", "utf-8");
    } else {
      // Bytes that are not UTF-8 (a binary datagram) would not survive as a JSON string.
      json.writeStringField(
          "body", Base64.getEncoder().encodeToString(message.getBody(byte[].class)));
      json.writeStringField("encoding", "base64");
    }
    json.writeObjectFieldStart("properties");
    for (String name :
        Collections.list((java.util.Enumeration<String>) message.getPropertyNames())) {
      if (!name.startsWith("JMSX") && !name.startsWith("__AMQ") && !name.startsWith("_AMQ")) {
        json.writeStringField(name, String.valueOf(message.getObjectProperty(name)));
      }
    }
    json.writeEndObject();
    json.writeEndObject();
    json.flush();
  }

  /** The body as text, or null for bytes that are not UTF-8. */
  private static String text(Message message) throws JMSException {
    if (message instanceof BytesMessage) {
      byte[] bytes = message.getBody(byte[].class); // null for an empty datagram
      if (bytes == null) {
        return "";
      }
      try {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
      } catch (CharacterCodingException e) {
        return null;
      }
    }
    String text = message.getBody(String.class);
    return text == null ? "" : text;
  }
}
