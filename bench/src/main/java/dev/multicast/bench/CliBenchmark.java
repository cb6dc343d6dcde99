package dev.multicast.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the command line against baselines run in the same process, alternating runs so that a
 * noisy machine hurts both sides alike: (a) wall time of one {@code multicast SAY} against a bare
 * JVM program that sends one datagram; (b) bounded SAY to RECV streams on lo at 100 and 1,400 bytes
 * against a raw DatagramChannel pair, in datagrams per second and datagrams lost. Every load is
 * bounded in count and time; everything goes to the loopback interface only.
 *
 * <p>Run it with {@code bench/run} (builds first); arguments: launcher path, rounds, datagrams, and
 * {@code keyed} for the keyed streams instead: SAY to RECV with {@code auth} and {@code seal}
 * envelopes beside unkeyed ones, alternating.
 */
public final class CliBenchmark {
  private static final Pattern STATS =
      Pattern.compile(
          "received (\\d+) datagrams, \\d+ bytes in [\\d.]+ s \\((\\d+) datagrams/s\\)");
  private static final String GROUP = "239.255.77.1";
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  private final String launcher;
  private final int rounds;
  private final long datagrams;
  private int port = 50770;

  private CliBenchmark(String launcher, int rounds, long datagrams) {
    this.launcher = launcher;
    this.rounds = rounds;
    this.datagrams = datagrams;
  }

  public static void main(String[] args) throws Exception {
    CliBenchmark bench =
        new CliBenchmark(
            args.length > 0 ? args[0] : "./multicast",
            args.length > 1 ? Integer.parseInt(args[1]) : 5,
            args.length > 2 ? Long.parseLong(args[2]) : 200_000);
    if (args.length > 3 && args[3].equals("keyed")) {
      bench.runKeyed();
    } else {
      bench.run();
    }
  }

  /** Keyed streams against unkeyed ones in the same run: what the envelope costs. */
  private void runKeyed() throws Exception {
    Path dir = Files.createTempDirectory("multicast-bench");
    String key = dir.resolve("group.key").toString();
    exec(launcher, "KEYGEN", key);
    System.out.printf(
        "multicast keyed stream benchmark: %d rounds, %d datagrams a stream, %d cores%n%n",
        rounds, datagrams, Runtime.getRuntime().availableProcessors());
    System.out.println(
        "| stream | unkeyed datagrams/s | keyed datagrams/s | ratio | lost (keyed, each run) | target |");
    System.out.println("|---|---|---|---|---|---|");
    for (int size : new int[] {100, 1400}) {
      List<long[]> plain = new ArrayList<>();
      List<long[]> auth = new ArrayList<>();
      List<long[]> seal = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        plain.add(cliStream(size));
        auth.add(cliStream(size, "--key-file", key));
        seal.add(cliStream(size, "--key-file", key, "--seal"));
      }
      long plainRate = medianOf(plain, 1);
      for (String mode : List.of("auth", "seal")) {
        List<long[]> keyed = mode.equals("auth") ? auth : seal;
        long rate = medianOf(keyed, 1);
        System.out.printf(
            "| %d B, %s (median of %d) | %d | %d | %.2f× | %s | %s |%n",
            size,
            mode,
            rounds,
            plainRate,
            rate,
            (double) rate / plainRate,
            losses(keyed),
            mode.equals("seal") ? "≥ 0.8×" : "");
      }
    }
    Files.delete(Path.of(key));
    Files.delete(dir);
  }

  private void run() throws Exception {
    System.out.printf(
        "multicast CLI benchmark: %d rounds, %d datagrams a stream, %d cores%n%n",
        rounds, datagrams, Runtime.getRuntime().availableProcessors());
    System.out.println("| measurement | multicast | baseline | ratio | target |");
    System.out.println("|---|---|---|---|---|");
    startup();
    for (int size : new int[] {100, 1400}) {
      stream(size);
    }
  }

  /** (a) One SAY, wall time from fork to exit, against a bare JVM that sends one datagram. */
  private void startup() throws Exception {
    String[] say = {
      launcher, "SAY", "--iface", "lo", "--group", GROUP, "--port", "50769", "-m", "hello"
    };
    String[] bare = {
      JAVA,
      "-cp",
      System.getProperty("java.class.path"),
      BareSay.class.getName(),
      GROUP,
      "50769",
      "hello"
    };
    exec(say); // the launcher builds the jar on its first run: not part of the measurement
    long[] cli = new long[rounds * 2];
    long[] jvm = new long[rounds * 2];
    for (int i = 0; i < cli.length; i++) {
      jvm[i] = exec(bare);
      cli[i] = exec(say);
    }
    double cliMs = median(cli) / 1e6;
    double jvmMs = median(jvm) / 1e6;
    System.out.printf(
        "| SAY one message, wall time (median of %d) | %.0f ms | %.0f ms (bare JVM) | %.2f× | ≤ 1.5× |%n",
        cli.length, cliMs, jvmMs, cliMs / jvmMs);
  }

  /** (b) A bounded unpaced stream through the CLI and through the raw pair, alternating. */
  private void stream(int size) throws Exception {
    List<long[]> cli = new ArrayList<>();
    List<long[]> raw = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      raw.add(rawStream(size));
      cli.add(cliStream(size));
    }
    long cliRate = medianOf(cli, 1);
    long rawRate = medianOf(raw, 1);
    System.out.printf(
        "| %d B stream, datagrams/s (median of %d) | %d | %d (raw DatagramChannel pair) | %.2f× | ≥ 0.9× |%n",
        size, rounds, cliRate, rawRate, (double) cliRate / rawRate);
    System.out.printf(
        "| %d B stream, datagrams lost of %d (each run) | %s | %s | | 0 |%n",
        size, datagrams, losses(cli), losses(raw));
  }

  /** SAY to RECV through the launcher; {@code keyArgs} go to both (SAY-only ones are dropped). */
  private long[] cliStream(int size, String... keyArgs) throws Exception {
    int p = port++;
    String[] recv = {
      launcher,
      "--verbose",
      "--daemon",
      "RECV",
      "--iface",
      "lo",
      "--group",
      GROUP,
      "--port",
      "" + p,
      "--count",
      "" + datagrams,
      "--timeout",
      "20",
      "--stats"
    };
    List<String> recvKeyArgs = Arrays.stream(keyArgs).filter(arg -> !arg.equals("--seal")).toList();
    String[] say = {
      launcher,
      "SAY",
      "--iface",
      "lo",
      "--group",
      GROUP,
      "--port",
      "" + p,
      "--count",
      "" + datagrams,
      "-m",
      "x".repeat(size)
    };
    return pair(concat(recv, recvKeyArgs), concat(say, List.of(keyArgs)));
  }

  private static String[] concat(String[] command, List<String> more) {
    List<String> all = new ArrayList<>(Arrays.asList(command));
    all.addAll(more);
    return all.toArray(String[]::new);
  }

  private long[] rawStream(int size) throws Exception {
    int p = port++;
    String cp = System.getProperty("java.class.path");
    String[] recv = {
      JAVA,
      "-XX:+UseSerialGC",
      "-cp",
      cp,
      RawPair.class.getName(),
      "recv",
      GROUP,
      "" + p,
      "" + datagrams,
      "2"
    };
    String[] send = {
      JAVA,
      "-XX:+UseSerialGC",
      "-cp",
      cp,
      RawPair.class.getName(),
      "send",
      GROUP,
      "" + p,
      "" + datagrams,
      "" + size
    };
    return pair(recv, send);
  }

  /** Starts the receiver, waits until it listens, runs the sender, returns {received, rate}. */
  static long[] pair(String[] receiver, String[] sender) throws Exception {
    Process recv =
        new ProcessBuilder(receiver).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader err =
        new BufferedReader(new InputStreamReader(recv.getErrorStream(), StandardCharsets.UTF_8))) {
      String line = err.readLine();
      if (line == null || !line.contains("listening on")) {
        throw new IOException("receiver did not start: " + line);
      }
      exec(sender);
      if (!recv.waitFor(60, TimeUnit.SECONDS)) {
        throw new IOException("receiver still running: " + Arrays.toString(receiver));
      }
      for (line = err.readLine(); line != null; line = err.readLine()) {
        Matcher m = STATS.matcher(line);
        if (m.find()) {
          return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
        }
      }
      return new long[] {0, 0};
    } finally {
      recv.destroyForcibly();
    }
  }

  /** Runs a command to its end; returns its wall time in nanoseconds. */
  private static long exec(String... command) throws Exception {
    long start = System.nanoTime();
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", command));
    }
    return System.nanoTime() - start;
  }

  private String losses(List<long[]> runs) {
    StringBuilder text = new StringBuilder();
    for (long[] run : runs) {
      text.append(text.length() == 0 ? "" : ", ").append(datagrams - run[0]);
    }
    return text.toString();
  }

  private static long medianOf(List<long[]> runs, int field) {
    return median(runs.stream().mapToLong(r -> r[field]).toArray());
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
