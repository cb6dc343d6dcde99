package dev.multicast.bridge;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;

/**
 * Where and how the bridge's Kafka clients connect: the bootstrap servers of {@code --kafka
 * HOST:PORT[,HOST:PORT...]}, and any Kafka client property (security protocol, SASL, TLS, producer
 * and consumer settings) from a properties file ({@code --kafka-config FILE}, as Kafka's own tools
 * take it) and from {@code -p kafka.KEY=VALUE}, which wins over the file.
 *
 * @param bootstrapServers the servers as given, checked
 * @param configFile a Kafka client properties file, or null
 */
public record KafkaConnection(String bootstrapServers, Path configFile) {
  /** {@code -p kafka.KEY=VALUE} is the Kafka client property KEY. */
  public static final String PROPERTY_PREFIX = "kafka.";

  /**
   * @throws IllegalArgumentException when the servers are not {@code HOST:PORT[,HOST:PORT...]}
   * @throws BridgeConfigException when the properties file cannot be read, before anything starts
   */
  public KafkaConnection {
    bootstrapServers = servers(bootstrapServers);
    if (configFile != null && !Files.isReadable(configFile)) {
      throw unreadable(configFile, "no such file, or not readable");
    }
  }

  private static BridgeConfigException unreadable(Path file, String why) {
    return new BridgeConfigException(
        "Kafka client properties file "
            + file
            + " cannot be read: "
            + why
            + " (expected a readable properties file of KEY=VALUE lines)",
        null);
  }

  /**
   * Checks {@code HOST:PORT[,HOST:PORT...]} ({@code [IPV6]:PORT} too), as Kafka's clients take it.
   *
   * @throws IllegalArgumentException naming the value and what was expected
   */
  public static String servers(String text) {
    String trimmed = text == null ? "" : text.trim();
    List<String> servers = List.of(trimmed.split(",", -1));
    for (String server : servers) {
      int colon = server.lastIndexOf(':');
      boolean ok = colon > 0 && colon < server.length() - 1;
      if (ok) {
        String host = server.substring(0, colon);
        ok = !host.isBlank() && !host.contains(" ") && validPort(server.substring(colon + 1));
      }
      if (!ok) {
        throw new IllegalArgumentException(
            "'"
                + text
                + "' is not a list of Kafka servers (expected HOST:PORT[,HOST:PORT...], e.g."
                + " 127.0.0.1:9092, with ports from 1 to 65535)");
      }
    }
    return trimmed;
  }

  private static boolean validPort(String text) {
    if (!text.chars().allMatch(Character::isDigit) || text.length() > 5) {
      return false;
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65535;
  }

  /**
   * The Kafka client properties: the file's, then {@code kafka.KEY} of {@code properties}.
   *
   * @throws BridgeConfigException when the file cannot be read
   */
  public Map<String, Object> clientProperties(Map<String, String> properties) {
    Map<String, Object> client = new LinkedHashMap<>();
    if (configFile != null) {
      Properties file = new Properties();
      try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
        file.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        throw unreadable(configFile, e.getMessage());
      }
      file.stringPropertyNames().forEach(key -> client.put(key, file.getProperty(key)));
    }
    properties.forEach(
        (key, value) -> {
          if (key.startsWith(PROPERTY_PREFIX) && key.length() > PROPERTY_PREFIX.length()) {
            client.put(key.substring(PROPERTY_PREFIX.length()), value);
          }
        });
    return client;
  }

  /** Camel's Kafka component, connecting where this says, for every {@code kafka:} endpoint. */
  KafkaComponent component(Map<String, String> properties) {
    KafkaConfiguration configuration = new KafkaConfiguration();
    configuration.setBrokers(bootstrapServers);
    configuration.setAdditionalProperties(clientProperties(properties));
    KafkaComponent component = new KafkaComponent();
    component.setConfiguration(configuration);
    return component;
  }
}
