package dev.multicast.cli;

import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.core.MulticastOptions;
import dev.multicast.core.Range;
import dev.multicast.security.Opener;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;

/**
 * The built-in defaults, overridden by the reference tool's environment variables. A value that is
 * not valid gets one warning and the built-in default, as in the reference. They reach the options
 * as picocli's default values (see {@link #defaultValue(ArgSpec)}), so that help shows each as
 * {@code ${DEFAULT-VALUE}}.
 *
 * @param port {@code MULTICAST_PORT}, {@link #ENV_PORTS}, default {@link #PORT}
 * @param group {@code MULTICAST_GROUP}, a multicast address, default {@link #GROUP}
 * @param ttl {@code MULTICAST_TTL}, {@link #ENV_TTLS}, default {@link MulticastOptions#DEFAULT_TTL}
 * @param keyFile {@code MULTICAST_KEY_FILE}, the group key SAY, RECV and HEAR use; null for none
 * @param bufferSize {@code MULTICAST_BUFFER_SIZE}, {@link #BUFFER_SIZES}, default {@link
 *     #BUFFER_SIZE}: the largest chunk {@code SAY --pipe} sends in one datagram
 * @param freshness {@code MULTICAST_FRESHNESS}, seconds above 0, default {@link
 *     Opener#DEFAULT_FRESHNESS}: how far the timestamp of an envelope that keyed RECV and HEAR
 *     accept may be from this clock, either way
 */
public record Defaults(
    int port, String group, int ttl, int bufferSize, Path keyFile, Duration freshness)
    implements IDefaultValueProvider {
  public static final int PORT = 59259;
  public static final String GROUP = "224.0.0.1";
  public static final int BUFFER_SIZE = 1316;

  /** The reference's rule for MULTICAST_PORT: the dynamic ports, which no service registers. */
  public static final Range ENV_PORTS = Range.of(49152, 65535);

  /** The reference's rule for MULTICAST_TTL, narrower than what {@code --ttl} takes. */
  public static final Range ENV_TTLS = Range.of(1, 126);

  public static final Range BUFFER_SIZES = Range.of(1, Datagram.MAX_PAYLOAD);

  /** The {@code descriptionKey} of the options whose defaults come from here. */
  static final String GROUP_OPTION = "group";

  static final String PORT_OPTION = "port";
  static final String TTL_OPTION = "ttl";
  static final String FRESHNESS_OPTION = "freshness";

  /** Reads the environment, warning through {@code warn} about each value it cannot use. */
  public static Defaults from(Map<String, String> env, Consumer<String> warn) {
    return new Defaults(
        number(env, "MULTICAST_PORT", ENV_PORTS, PORT, warn),
        group(env, warn),
        number(env, "MULTICAST_TTL", ENV_TTLS, MulticastOptions.DEFAULT_TTL, warn),
        number(env, "MULTICAST_BUFFER_SIZE", BUFFER_SIZES, BUFFER_SIZE, warn),
        keyFile(env),
        freshness(env, warn));
  }

  /** The default of an option that names one of these settings as its {@code descriptionKey}. */
  @Override
  public String defaultValue(ArgSpec arg) {
    return switch (arg.descriptionKey()) {
      case GROUP_OPTION -> group;
      case PORT_OPTION -> Integer.toString(port);
      case TTL_OPTION -> Integer.toString(ttl);
      case FRESHNESS_OPTION -> seconds(freshness);
      default -> null;
    };
  }

  /**
   * Short and fixed: picocli puts the provider's text in a trace message for every option it gives
   * a default, traced or not, and the text a record makes took SAY's start-up about 10 ms to set up
   * (method handles spun at the first call) and then formatted all six settings each time.
   */
  @Override
  public String toString() {
    return "the MULTICAST_* environment";
  }

  /** The environment's variables as the root command's help lists them. */
  static List<String> help() {
    return List.of(
        "Environment (an invalid value warns and the default is used):",
        variable("MULTICAST_GROUP", "default group, " + GROUP),
        variable("MULTICAST_PORT", "default port, " + bounds(ENV_PORTS) + ", " + PORT),
        variable(
            "MULTICAST_TTL",
            "default TTL, " + bounds(ENV_TTLS) + ", " + MulticastOptions.DEFAULT_TTL),
        variable(
            "MULTICAST_BUFFER_SIZE",
            "SAY --pipe chunk size, " + bounds(BUFFER_SIZES) + ", " + BUFFER_SIZE),
        variable("MULTICAST_KEY_FILE", "--key-file of SAY, RECV, HEAR; a bad one stops them"),
        variable(
            "MULTICAST_FRESHNESS",
            "keyed receivers: seconds an envelope may be off, "
                + seconds(Opener.DEFAULT_FRESHNESS)));
  }

  private static String variable(String name, String meaning) {
    return String.format("  %-22s %s", name, meaning);
  }

  private static String bounds(Range range) {
    return range.min() + "-" + range.max();
  }

  /** {@code 30}, or {@code 0.5}: whole milliseconds, the resolution of a freshness window. */
  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
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
              "warning: MULTICAST_FRESHNESS='%s' is not a number of seconds above 0; using %s",
              text, seconds(Opener.DEFAULT_FRESHNESS)));
      return Opener.DEFAULT_FRESHNESS;
    }
  }

  /** Checked when it is read, not here: a bad key file must stop the command, not be warned of. */
  private static Path keyFile(Map<String, String> env) {
    String text = env.get("MULTICAST_KEY_FILE");
    return text == null || text.isBlank() ? null : Path.of(text.trim());
  }

  private static int number(
      Map<String, String> env, String name, Range range, int fallback, Consumer<String> warn) {
    String text = env.get(name);
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return range.parseInt(text, name);
    } catch (IllegalArgumentException e) {
      warn.accept(
          String.format(
              "warning: %s='%s' is not a number from %d to %d; using %d",
              name, text, range.min(), range.max(), fallback));
      return fallback;
    }
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
