package dev.multicast.cli;

import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.security.Opener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The built-in defaults, overridden by the reference tool's environment variables. A value that is
 * not valid gets one warning and the built-in default, as in the reference.
 *
 * @param port {@code MULTICAST_PORT}, 49152 to 65535, default 59259
 * @param group {@code MULTICAST_GROUP}, a multicast address, default 224.0.0.1
 * @param ttl {@code MULTICAST_TTL}, 1 to 126, default 1
 * @param keyFile {@code MULTICAST_KEY_FILE}, the group key SAY, RECV and HEAR use; null for none
 * @param bufferSize {@code MULTICAST_BUFFER_SIZE}, 1 to 65507, default 1316: the largest chunk
 *     {@code SAY --pipe} sends in one datagram
 * @param freshness {@code MULTICAST_FRESHNESS}, seconds above 0, default 30: how far the timestamp
 *     of an envelope that keyed RECV and HEAR accept may be from this clock, either way
 */
public record Defaults(
    int port, String group, int ttl, int bufferSize, Path keyFile, Duration freshness) {
  public static final int PORT = 59259;
  public static final String GROUP = "224.0.0.1";
  public static final int TTL = 1;
  public static final int BUFFER_SIZE = 1316;

  /** Reads the environment, warning through {@code warn} about each value it cannot use. */
  public static Defaults from(Map<String, String> env, Consumer<String> warn) {
    return new Defaults(
        number(env, "MULTICAST_PORT", 49152, 65535, PORT, warn),
        group(env, warn),
        number(env, "MULTICAST_TTL", 1, 126, TTL, warn),
        number(env, "MULTICAST_BUFFER_SIZE", 1, Datagram.MAX_PAYLOAD, BUFFER_SIZE, warn),
        keyFile(env),
        freshness(env, warn));
  }

  /**
   * Like the reference's numbers, an invalid value warns and falls back: the fallback is the
   * documented default window, never a check turned off.
   */
  private static Duration freshness(Map<String, String> env, Consumer<String> warn) {
    String text = env.get("MULTICAST_FRESHNESS");
    if (text == null || text.isBlank()) {
      return Opener.DEFAULT_FRESHNESS;
    }
    try {
      return Converters.freshness(new Converters.Seconds().convert(text));
    } catch (RuntimeException e) {
      warn.accept(
          String.format(
              "warning: MULTICAST_FRESHNESS='%s' is not a number of seconds above 0; using %d",
              text, Opener.DEFAULT_FRESHNESS.toSeconds()));
      return Opener.DEFAULT_FRESHNESS;
    }
  }

  /** Checked when it is read, not here: a bad key file must stop the command, not be warned of. */
  private static Path keyFile(Map<String, String> env) {
    String text = env.get("MULTICAST_KEY_FILE");
    return text == null || text.isBlank() ? null : Path.of(text.trim());
  }

  private static int number(
      Map<String, String> env, String name, int min, int max, int fallback, Consumer<String> warn) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below, like a value out of range.
    }
    warn.accept(
        String.format(
            "warning: %s='%s' is not a number from %d to %d; using %d",
            name, text, min, max, fallback));
    return fallback;
  }

  private static String group(Map<String, String> env, Consumer<String> warn) {
    String text = env.get("MULTICAST_GROUP");
    if (text == null || text.isBlank()) {
      return GROUP;
    }
    try {
      return Group.multicastAddress(text.trim()).getHostAddress();
    } catch (IllegalArgumentException e) {
      warn.accept("warning: MULTICAST_GROUP=" + e.getMessage() + "; using " + GROUP);
      return GROUP;
    }
  }
}
