package dev.multicast.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.multicast.bridge.BridgeSettings;
import dev.multicast.bridge.KafkaConnection;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQMessageConsumer;
import org.springframework.core.NestedExceptionUtils;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A JMS or Kafka consumer for looking at what the bridge puts on the broker or the cluster. */
@Command(
    name = "consume",
    sortOptions = false,
    header = "Print a topic's or queue's messages as JSON lines.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  multicast consume --topic multicast.in",
      "  multicast consume --queue multicast.in --count 10 \\",
      "      --broker-url tcp://broker:61616",
      "  multicast consume --kafka 127.0.0.1:9092 --topic multicast.in --from-beginning"
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
      names = "--kafka",
      paramLabel = "SERVERS",
      converter = Converters.KafkaServers.class,
      description =
          "Read the Kafka topic --topic of the cluster of these bootstrap servers"
              + " (HOST:PORT, comma-separated) instead of JMS.")
  String kafka;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "Kafka client properties as Kafka's tools take them (security protocol, SASL, TLS),"
              + " with --kafka.")
  Path kafkaConfig;

  @Option(
      names = "--from-beginning",
      description =
          "With --kafka: from the topic's first record (default: only records that arrive from"
              + " now on, as a JMS topic subscriber gets them).")
  boolean fromBeginning;

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

  @Mixin BrokerClientOptions broker;

  ConsumeCommand(Context context) {
    this.context = context;
  }

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    long limit = count == null ? Long.MAX_VALUE : count;
    long waitMillis = timeout == null ? 0 : Math.max(1, (long) (timeout * 1000));
    if (kafka != null) {
      if (destination.topic == null) {
        throw new ParameterException(
            spec.commandLine(),
            "--queue "
                + destination.queue
                + " with --kafka (expected --topic NAME: Kafka has topics)");
      }
      KafkaConsumption consumption =
          new KafkaConsumption(new KafkaConnection(kafka, kafkaConfig), destination.topic);
      return consumption.print(context.out(), fromBeginning, limit, waitMillis) > 0
          ? ExitCode.OK.code()
          : ExitCode.NOTHING.code();
    }
    if (kafkaConfig != null || fromBeginning) {
      throw new ParameterException(
          spec.commandLine(),
          (kafkaConfig != null ? "--kafka-config " + kafkaConfig : "--from-beginning")
              + " without --kafka (expected --kafka HOST:PORT too)");
    }
    CompletableFuture<JMSException> lost = new CompletableFuture<>();
    try (OnSignal signal = OnSignal.install();
        Connection connection = connect()) {
      // Closed, not dropped, when the process is stopped: the broker would log each dropped
      // connection as a failure, into the bridge's terminal.
      signal.whenFired(() -> closeQuietly(connection));
      // The broker went away: the receive below then ends, and the command with it.
      connection.setExceptionListener(
          failure -> {
            lost.complete(failure);
            new Thread(() -> closeQuietly(connection), "multicast-consume-lost").start();
          });
      AtomicLong received = new AtomicLong();
      boolean cutOff;
      try {
        cutOff = print(connection, limit, waitMillis, received);
      } catch (JMSException e) {
        if (!signal.fired() && !lost.isDone()) {
          throw e;
        }
        cutOff = true;
      }
      if (cutOff && !signal.fired()) {
        throw new UnavailableException(
            "lost broker " + brokerUrl + ": " + why(lost), lost.getNow(null));
      }
      return received.get() > 0 ? ExitCode.OK.code() : ExitCode.NOTHING.code();
    }
  }

  /**
   * Prints each message as a JSON line, until the limit or the timeout, counting them; true when
   * the broker cut it off first.
   */
  private boolean print(Connection connection, long limit, long waitMillis, AtomicLong received)
      throws Exception {
    Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    MessageConsumer consumer;
    try {
      consumer =
          session.createConsumer(
              destination.topic != null
                  ? session.createTopic(destination.topic)
                  : session.createQueue(destination.queue));
    } catch (JMSSecurityException e) {
      throw refused(e);
    }
    connection.start();
    OutputStream out = context.out();
    JsonGenerator json = json(out);
    for (Message message = consumer.receive(waitMillis);
        message != null;
        message = received.get() < limit ? consumer.receive(waitMillis) : null) {
      try {
        write(json, message);
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        throw new StandardOutputException(e);
      }
      received.incrementAndGet();
    }
    // The client closes the consumer when the broker goes away, and receive() says only null.
    return received.get() < limit && ((ActiveMQMessageConsumer) consumer).isClosed();
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (JMSException e) {
      // Closing anyway: the broker is gone or the process is stopping.
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
    ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.url(brokerUrl));
    broker.login(context.env()).ifPresent(login -> login.applyTo(factory));
    try {
      return factory.createConnection();
    } catch (JMSSecurityException e) {
      throw refused(e);
    } catch (JMSException e) {
      // Artemis says why in the innermost exception.
      Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
      throw new UnavailableException(
          "cannot reach broker " + brokerUrl + ": " + cause.getMessage(), e);
    }
  }

  /** A generator of JSON lines on {@code out}, which stays open. */
  static JsonGenerator json(OutputStream out) throws IOException {
    return new JsonFactory()
        .setRootValueSeparator(null)
        .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .createGenerator(out, JsonEncoding.UTF8);
  }

  /** The broker's refusal in one line: who was refused, and the broker's reason. */
  private LoginRefusedException refused(JMSSecurityException e) {
    String who =
        broker
            .login(context.env())
            .map(login -> "user " + login.user())
            .orElse("an anonymous client");
    return new LoginRefusedException(
        "broker "
            + brokerUrl
            + " refused "
            + who
            + ": "
            + NestedExceptionUtils.getMostSpecificCause(e).getMessage(),
        e);
  }

  private static void write(JsonGenerator json, Message message) throws Exception {
    Map<String, String> properties = new LinkedHashMap<>();
    for (String name :
        Collections.list((java.util.Enumeration<String>) message.getPropertyNames())) {
      if (!name.startsWith("JMSX") && !name.startsWith("__AMQ") && !name.startsWith("_AMQ")) {
        properties.put(name, String.valueOf(message.getObjectProperty(name)));
      }
    }
    write(json, body(message), null, properties);
  }

  /**
   * One message as a JSON object: its body as text when it is UTF-8, else as Base64 (bytes that are
   * not UTF-8, a binary datagram, would not survive as a JSON string), its key when it has one, and
   * its properties.
   */
  static void write(JsonGenerator json, byte[] body, String key, Map<String, String> properties)
      throws IOException {
    json.writeStartObject();
    String text = text(body);
    if (text != null) {
      json.writeStringField("body", text);
      json.writeStringField("encoding", "utf-8");
    } else {
      json.writeStringField("body", Base64.getEncoder().encodeToString(body));
      json.writeStringField("encoding", "base64");
    }
    if (key != null) {
      json.writeStringField("key", key);
    }
    json.writeObjectFieldStart("properties");
    for (Map.Entry<String, String> property : properties.entrySet()) {
      json.writeStringField(property.getKey(), property.getValue());
    }
    json.writeEndObject();
    json.writeEndObject();
    json.flush();
  }

  /** The body's bytes: a text message's as UTF-8. */
  private static byte[] body(Message message) throws JMSException {
    if (message instanceof BytesMessage) {
      byte[] bytes = message.getBody(byte[].class); // null for an empty datagram
      return bytes == null ? new byte[0] : bytes;
    }
    String text = message.getBody(String.class);
    return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
  }

  /** The bytes as text, or null when they are not UTF-8. */
  private static String text(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
