package dev.multicast.cli;

import dev.multicast.bridge.KafkaConnection;
import dev.multicast.core.Addresses;
import dev.multicast.core.Group;
import dev.multicast.core.MulticastOptions;
import dev.multicast.core.Range;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option types that check their range; picocli reports the message with the option's name. */
final class Converters {
  private Converters() {}

  /** Kafka's bootstrap servers, {@code HOST:PORT[,HOST:PORT...]}. */
  static final class KafkaServers implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        return KafkaConnection.servers(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** A multicast address literal (never a host name: no DNS lookup). */
  static final class MulticastAddress implements ITypeConverter<InetAddress> {
    @Override
    public InetAddress convert(String value) {
      return checked(() -> Group.multicastAddress(value));
    }
  }

  /** A unicast address literal, such as the source of a source-specific join. */
  static final class SourceAddress implements ITypeConverter<InetAddress> {
    @Override
    public InetAddress convert(String value) {
      InetAddress address = Group.literal(value);
      if (address == null || address.isMulticastAddress() || address.isAnyLocalAddress()) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a source address (expected the unicast IP address of a sender)");
      }
      return address;
    }
  }

  /** Where a server listens: this host's own address literal, or 0.0.0.0 or :: for all. */
  static final class ListenAddress implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      InetAddress address = Group.literal(value);
      if (address == null || !(address.isAnyLocalAddress() || Addresses.isLocal(address))) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not an address of this host (expected 127.0.0.1, 0.0.0.0 for all, ::"
                + " or one of this host's IP addresses)");
      }
      return Addresses.text(address);
    }
  }

  /**
   * The URL of an Artemis broker, as its JMS client takes it: {@code tcp://HOST:PORT}, or another
   * form it parses, such as {@code (tcp://a:61616,tcp://b:61616)?ha=true}. Parsed here, without
   * connecting, so that a typo is a usage error rather than a failure deep in the client.
   */
  static final class BrokerUrl implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String url = value.trim();
      if (!url.isEmpty() && hostAndPortOk(url)) {
        try (ActiveMQConnectionFactory parsed = new ActiveMQConnectionFactory(url)) {
          return url;
        } catch (RuntimeException e) {
          // Artemis says "Schema foo not found" inside three wrappers: reported below.
        }
      }
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a broker URL (expected tcp://HOST:PORT, such as tcp://127.0.0.1:61616)");
    }
  }

  /**
   * Whether a plain {@code tcp://} URL has a host and, if any, a port from 1 to 65535: Artemis
   * takes {@code tcp://host:abc} and only fails to connect.
   */
  private static boolean hostAndPortOk(String url) {
    if (!url.regionMatches(true, 0, "tcp://", 0, 6)) {
      return true;
    }
    try {
      java.net.URI uri = new java.net.URI(url);
      int port = uri.getPort();
      return uri.getHost() != null && (port == -1 || (port >= 1 && port <= 65535));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /** The name of a JMS topic or queue: not empty. */
  static final class DestinationName implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (value.isBlank()) {
        throw new TypeConversionException(
            "'" + value + "' is not a topic or queue name (expected a name such as multicast.in)");
      }
      return value;
    }
  }

  /** The path of a file: not empty, which would name the working directory. */
  static final class FilePath implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
      if (value.isBlank()) {
        throw new TypeConversionException(
            "'" + value + "' is not a file name (expected the path of a file)");
      }
      return Path.of(value);
    }
  }

  static final class Port implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return checked(() -> Group.parsePort(value));
    }
  }

  static final class Ttl implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      return checked(() -> MulticastOptions.parseTtl(value));
    }
  }

  static final class Count implements ITypeConverter<Long> {
    /** How many datagrams or messages: at least one. */
    static final Range COUNTS = Range.atLeast(1);

    @Override
    public Long convert(String value) {
      return checked(() -> COUNTS.parse(value, "a count"));
    }
  }

  /** Seconds, fractions allowed: {@code 0.5}. */
  static final class Seconds implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return positive(value, "a number of seconds");
    }
  }

  /** {@code seconds} (above 0, as {@link Seconds} takes them) as a duration of at least 1 ns. */
  static Duration duration(double seconds) {
    // Rounded, so that 0.007 s is 7 ms, not 6.999999 ms; rounding saturates: a huge number of
    // seconds becomes the longest duration, never a negative one.
    return Duration.ofNanos(Math.max(1, Math.round(seconds * 1e9)));
  }

  /**
   * A freshness window of {@code seconds}: at least 1 ms, the resolution of an envelope's
   * timestamp, so that a tiny positive window does not reject everything.
   */
  static Duration freshness(double seconds) {
    return Duration.ofMillis(Math.max(1, duration(seconds).toMillis()));
  }

  static final class Rate implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      return positive(value, "a rate in datagrams per second");
    }
  }

  /** A value the API parses, its message (which names the value) as picocli's. */
  private static <T> T checked(Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }

  private static double positive(String value, String what) {
    try {
      double number = Double.parseDouble(value.trim());
      if (number > 0 && Double.isFinite(number)) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new TypeConversionException(
        "'" + value + "' is not " + what + " (expected a number above 0)");
  }
}
