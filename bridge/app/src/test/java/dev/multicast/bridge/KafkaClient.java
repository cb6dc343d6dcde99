package dev.multicast.bridge;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** A plain Kafka client of the bridge's cluster, as any application would be. */
final class KafkaClient implements AutoCloseable {
  /** The longest a read waits for the records it expects. */
  static final Duration WAIT = Duration.ofSeconds(30);

  private final String servers;
  private final KafkaProducer<String, byte[]> producer;

  KafkaClient(String servers) {
    this.servers = servers;
    Properties properties = new Properties();
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
  }

  /** Sends one record and waits until Kafka has it. */
  void send(String topic, byte[] value, Map<String, String> headers) throws Exception {
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, value);
    headers.forEach((name, text) -> record.headers().add(name, utf8(text)));
    producer.send(record).get();
  }

  /**
   * The records of {@code topic} from its start, by a consumer of a group of its own: at least
   * {@code atLeast} (or what came in {@link #WAIT}), then any more until {@code quiet} passes
   * without one.
   */
  List<ConsumerRecord<String, byte[]>> read(String topic, int atLeast, Duration quiet) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (records.size() < atLeast && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      int before;
      do {
        before = records.size();
        consumer.poll(quiet).forEach(records::add);
      } while (records.size() > before);
    }
    return records;
  }

  /** A record header's value as text, or null when the record has none of that name. */
  static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
