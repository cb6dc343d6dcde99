package dev.multicast.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.multicast.bridge.KafkaConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code multicast consume --kafka}: the records of one Kafka topic as JSON lines, as the JMS
 * consumer prints messages, with the record key and the headers (as UTF-8 text) as properties. It
 * reads as a consumer group of its own and commits nothing, so it takes nothing from anyone.
 */
final class KafkaConsumption {
  /** How long the cluster has to answer before it counts as unreachable. */
  private static final Duration REACH = Duration.ofSeconds(10);

  private final KafkaConnection connection;
  private final String topic;

  KafkaConsumption(KafkaConnection connection, String topic) {
    this.connection = connection;
    this.topic = topic;
  }

  /**
   * Prints records until {@code limit} or {@code waitMillis} without one (0: no limit).
   *
   * @return how many it printed
   * @throws UnavailableException when the cluster does not answer
   */
  long print(OutputStream out, boolean fromBeginning, long limit, long waitMillis)
      throws IOException {
    Properties properties = new Properties();
    properties.putAll(connection.clientProperties(Map.of()));
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, connection.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "multicast-consume-" + UUID.randomUUID());
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      reach(consumer);
      consumer.subscribe(List.of(topic));
      JsonGenerator json = ConsumeCommand.json(out);
      long printed = 0;
      long quietSince = System.nanoTime();
      while (printed < limit) {
        long polled = 0;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          ConsumeCommand.write(json, body(record), record.key(), headers(record));
          out.write('\n');
          out.flush();
          polled++;
          if (++printed == limit) {
            break;
          }
        }
        if (polled > 0) {
          quietSince = System.nanoTime();
        } else if (waitMillis > 0
            && System.nanoTime() - quietSince > Duration.ofMillis(waitMillis).toNanos()) {
          break;
        }
      }
      return printed;
    }
  }

  /** One answer from the cluster, or a one-line reason why there is none (69). */
  private void reach(KafkaConsumer<String, byte[]> consumer) {
    try {
      consumer.listTopics(REACH);
    } catch (KafkaException e) {
      throw new UnavailableException(
          "cannot reach Kafka " + connection.bootstrapServers() + ": " + e.getMessage(), e);
    }
  }

  private static byte[] body(ConsumerRecord<String, byte[]> record) {
    return record.value() == null ? new byte[0] : record.value();
  }

  private static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      headers.put(
          header.key(),
          header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
    }
    return headers;
  }
}
