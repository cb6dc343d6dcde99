package dev.multicast.cli;

import dev.multicast.security.GroupKey;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The freshness window of keyed RECV and HEAR: how far an envelope's timestamp may be from this
 * clock, either way, before it is dropped as stale. The bridge's envelope data format calls the
 * same setting {@code freshness}.
 */
final class FreshnessOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--freshness",
      paramLabel = "SECONDS",
      converter = Converters.Seconds.class,
      descriptionKey = Defaults.FRESHNESS_OPTION,
      description =
          "With a key: accept envelopes stamped at most this long before or after this clock"
              + " (default: ${DEFAULT-VALUE}, from MULTICAST_FRESHNESS when set).")
  double freshness;

  /**
   * The window: {@code --freshness}, else the environment's or the built-in default.
   *
   * @param key the command's key, null for none: {@code --freshness} without one is a usage error,
   *     as it would check nothing
   */
  Duration freshness(GroupKey key) {
    if (key == null && mixee.commandLine().getParseResult().hasMatchedOption("--freshness")) {
      throw new ParameterException(
          mixee.commandLine(),
          "--freshness needs a key: give --key-file or set MULTICAST_KEY_FILE");
    }
    return Converters.freshness(freshness);
  }
}
