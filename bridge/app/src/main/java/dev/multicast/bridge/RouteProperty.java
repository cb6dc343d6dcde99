package dev.multicast.bridge;

import dev.multicast.camel.EnvelopeDataFormat;
import dev.multicast.core.Range;
import java.util.Map;

/**
 * The numbers the bridge and its shipped routes read from {@code -p KEY=VALUE}, each with its
 * default and bounds in this one place. The bridge checks them before the routes start, so that a
 * bad one is named rather than a Camel trace, and hands the routes the value it checked: the YAML
 * reads {@code {{multicast.hold}}} and spells no default of its own.
 */
public enum RouteProperty {
  /** How many datagrams a route holds while the broker is away, before it dead-letters. */
  HOLD("multicast.hold", 10_000, Range.of(1, Integer.MAX_VALUE)),
  /** How many deliveries to a queue run side by side (1 keeps arrival order). */
  SENDERS("multicast.senders", 2, Range.of(1, RouteProperty.MAX_SENDERS)),
  /** Seconds an envelope's timestamp may be from this clock in keyed routes. */
  FRESHNESS(
      "multicast.freshness", EnvelopeDataFormat.DEFAULT_FRESHNESS, Range.of(1, Integer.MAX_VALUE)),
  /** How many dead letters the dead-letter directory may hold. */
  DEAD_LETTERS_MAX(
      "multicast.dead-letters.max",
      DeadLetters.DEFAULT_MAX_LETTERS,
      Range.of(0, Integer.MAX_VALUE)),
  /** How many bytes the dead-letter directory may hold. */
  DEAD_LETTERS_MAX_BYTES(
      "multicast.dead-letters.max-bytes", DeadLetters.DEFAULT_MAX_BYTES, Range.atLeast(0));

  /** The most concurrent deliveries: the JMS session cache holds one session for each. */
  public static final int MAX_SENDERS = 100;

  private final String key;
  private final long fallback;
  private final Range range;

  RouteProperty(String key, long fallback, Range range) {
    this.key = key;
    this.fallback = fallback;
    this.range = range;
  }

  /** The name routes read it by, such as {@code multicast.hold}. */
  public String key() {
    return key;
  }

  /**
   * The value among {@code properties} (the {@code -p} ones), or the default.
   *
   * @throws BridgeConfigException naming the property, the value and the range
   */
  public long value(Map<String, String> properties) {
    String text = properties.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      return range.parse(text, "a whole number");
    } catch (IllegalArgumentException e) {
      throw new BridgeConfigException(
          "property " + key + " is '" + text + "' (expected a whole number, " + range + ")", null);
    }
  }
}
