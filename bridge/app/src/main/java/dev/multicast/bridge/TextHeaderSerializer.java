package dev.multicast.bridge;

import java.nio.charset.StandardCharsets;
import org.apache.camel.component.kafka.serde.KafkaHeaderSerializer;

/**
 * Kafka record headers as UTF-8 text: {@code MulticastPort} as {@code 50001}, not four bytes of an
 * int, so any Kafka client (kcat, the console consumer) reads them, and the return path, which
 * reads headers as text ({@code ToStringKafkaHeaderDeserializer}), gets them back as they were.
 * Bytes stay bytes.
 */
public class TextHeaderSerializer implements KafkaHeaderSerializer {
  @Override
  public byte[] serialize(String key, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    return value.toString().getBytes(StandardCharsets.UTF_8);
  }
}
