package dev.multicast.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
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
 * noisy machine hurts both sides alike: (a) wall time of SAY, RECV, HEAR and NOOP against a bare
 * JVM program that sends one datagram, and against the reference Python tool when {@code
 * MULTICAST_REFERENCE} names a clone of it; (b) bounded SAY to RECV streams on lo, 100 bytes in
 * every RECV format and 1,400 bytes as text, against a raw DatagramChannel pair, in datagrams per
 * second and datagrams lost; (c) round trips through HEAR against a raw echo. Every load is bounded
 * in count and time; everything goes to the loopback interface only.
 *
 * <p>Run it with {@code bench/run} (builds first); arguments: launcher path, rounds, datagrams, and
 * {@code keyed} for the keyed streams instead: SAY to RECV with {@code auth} and {@code seal}
 * envelopes beside unkeyed ones, alternating.
 */
public final class CliBenchmark {
  private static final Pattern STATS =
      Pattern.compile(
          "received (\\d+) datagrams, \\d+ bytes in [\\d.]+ s \\((\\d+) datagrams/s\\)");
  // RECV --format json --stats writes its summary as JSON too.
  private static final Pattern JSON_STATS =
      Pattern.compile("\\{\"received\":(\\d+),.*\"rate\":(\\d+)");
  private static final String GROUP = "239.255.77.1";
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  private final String launcher;
  private final String reference = System.getenv("MULTICAST_REFERENCE");
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
    } else if (args.length > 3 && args[3].equals("echo")) {
      bench.echo();
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
    for (String command : List.of("SAY", "RECV", "HEAR", "NOOP")) {
      startup(command);
    }
    echo();
    for (String format : List.of("text", "json", "hex", "base64")) {
      stream(100, format);
    }
    stream(1400, "text");
  }

  /**
   * (a) Wall time from fork to exit of one command, against a bare JVM that sends one datagram and,
   * when {@code MULTICAST_REFERENCE} names a clone of it, the reference Python tool doing the same.
   * RECV and HEAR end on their first datagram: a probe sends one every 2 ms until they exit, so
   * their time is start-up to listening, plus at most 2 ms.
   */
  private void startup(String command) throws Exception {
    int p = port++;
    String[] ours =
        switch (command) {
          case "SAY" ->
              new String[] {
                launcher, "SAY", "--iface", "lo", "--group", GROUP, "--port", "" + p, "-m", "hello"
              };
          case "RECV", "HEAR" ->
              new String[] {
                launcher,
                command,
                "--iface",
                "lo",
                "--group",
                GROUP,
                "--port",
                "" + p,
                "--timeout",
                "20"
              };
          default -> new String[] {launcher, command};
        };
    String[] theirs =
        switch (command) {
          case "SAY" ->
              new String[] {
                "python3",
                "-m",
                "multicast",
                "SAY",
                "--group",
                GROUP,
                "--port",
                "" + p,
                "-m",
                "hello"
              };
          case "RECV", "HEAR" ->
              new String[] {
                "python3", "-m", "multicast", command, "--group", GROUP, "--port", "" + p
              };
          default -> new String[] {"python3", "-m", "multicast", command};
        };
    String[] bare = {
      JAVA,
      "-XX:+UseSerialGC",
      "-cp",
      System.getProperty("java.class.path"),
      BareSay.class.getName(),
      GROUP,
      "" + p,
      "hello"
    };
    boolean probed = command.equals("RECV") || command.equals("HEAR");
    timed(ours, probed, p); // the first run after a build makes the class archive: not measured
    long[] cli = new long[rounds * 2];
    long[] jvm = new long[rounds * 2];
    long[] python = new long[rounds * 2];
    for (int i = 0; i < cli.length; i++) {
      jvm[i] = exec(bare);
      cli[i] = timed(ours, probed, p);
      if (reference != null) {
        python[i] = timed(theirs, probed, p);
      }
    }
    double cliMs = median(cli) / 1e6;
    double jvmMs = median(jvm) / 1e6;
    System.out.printf(
        "| %s, wall time (median of %d) | %.0f ms | %.0f ms (bare JVM sender) | %.2f× | ≤ 1.5× |%n",
        command, cli.length, cliMs, jvmMs, cliMs / jvmMs);
    if (reference != null) {
      double pyMs = median(python) / 1e6;
      System.out.printf(
          "| %s, wall time (median of %d) | %.0f ms | %.0f ms (reference Python tool) | %.2f× | ≤ 1.0× |%n",
          command, cli.length, cliMs, pyMs, cliMs / pyMs);
    }
  }

  /** Runs {@code command}; with {@code probed}, sends it a datagram every 2 ms until it exits. */
  private long timed(String[] command, boolean probed, int p) throws Exception {
    if (!probed) {
      return exec(command);
    }
    try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
      probe.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
      InetSocketAddress target = new InetSocketAddress(GROUP, p);
      long start = System.nanoTime();
      Process process = start(command);
      // The reference HEAR stops on STOP; ours ends after one datagram without --daemon.
      ByteBuffer stop = ByteBuffer.wrap("STOP".getBytes(StandardCharsets.US_ASCII));
      while (!process.waitFor(2, TimeUnit.MILLISECONDS)) {
        if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(30)) {
          process.destroyForcibly();
          throw new IOException("timed out: " + String.join(" ", command));
        }
        probe.send(stop.rewind(), target);
      }
      return System.nanoTime() - start;
    }
  }

  /**
   * (c) Round trips through {@code HEAR --daemon} against a raw echo, alternating: pings sent one
   * at a time, each waiting for its answer (at most 1 s), after 200 unmeasured ones.
   */
  private void echo() throws Exception {
    List<long[]> hear = new ArrayList<>();
    List<long[]> raw = new ArrayList<>();
    int pings = 2_000;
    for (int i = 0; i < rounds; i++) {
      int p = port++;
      raw.add(
          echoes(
              new String[] {
                JAVA,
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                RawPair.class.getName(),
                "echo",
                GROUP,
                "" + p,
                "" + 2 * pings
              },
              p,
              pings));
      p = port++;
      hear.add(
          echoes(
              new String[] {
                launcher,
                "--verbose",
                "--daemon",
                "HEAR",
                "--iface",
                "lo",
                "--group",
                GROUP,
                "--port",
                "" + p,
                "--timeout",
                "60"
              },
              p,
              pings));
    }
    for (int field : new int[] {1, 2}) {
      long ours = medianOf(hear, field);
      long theirs = medianOf(raw, field);
      System.out.printf(
          "| HEAR round trip %s, µs (median of %d runs of %d pings) | %d | %d (raw echo) | %.2f× | %s |%n",
          field == 1 ? "p50" : "p99",
          rounds,
          pings,
          ours / 1000,
          theirs / 1000,
          (double) ours / theirs,
          field == 2 ? "≤ 2×" : "");
    }
    StringBuilder answered = new StringBuilder();
    for (long[] run : hear) {
      answered.append(answered.length() == 0 ? "" : ", ").append(run[0]);
    }
    System.out.printf("| HEAR pings answered of %d (each run) | %s | | | all |%n", pings, answered);
  }

  /** Starts an echo server, pings it; returns {answered, p50 ns, p99 ns} of the measured pings. */
  private static long[] echoes(String[] server, int p, int pings) throws Exception {
    Process echo =
        new ProcessBuilder(server).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try (BufferedReader err =
            new BufferedReader(
                new InputStreamReader(echo.getErrorStream(), StandardCharsets.UTF_8));
        DatagramChannel client = DatagramChannel.open(StandardProtocolFamily.INET);
        Selector selector = Selector.open()) {
      String line = err.readLine();
      if (line == null || !line.contains("listening on")) {
        throw new IOException("echo server did not start: " + line);
      }
      client.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
      client.bind(new InetSocketAddress("127.0.0.1", 0));
      client.configureBlocking(false);
      client.register(selector, SelectionKey.OP_READ);
      InetSocketAddress target = new InetSocketAddress(GROUP, p);
      ByteBuffer ping = ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII));
      ByteBuffer answer = ByteBuffer.allocate(65536);
      long[] times = new long[pings];
      int answered = 0;
      for (int i = -pings; i < pings; i++) {
        long start = System.nanoTime();
        client.send(ping.rewind(), target);
        boolean got = false;
        while (!got && selector.select(1000) > 0) {
          selector.selectedKeys().clear();
          got = client.receive(answer.clear()) != null;
        }
        if (got && i >= 0) {
          times[answered++] = System.nanoTime() - start;
        }
      }
      long[] measured = Arrays.copyOf(times, answered);
      Arrays.sort(measured);
      return answered == 0
          ? new long[] {0, 0, 0}
          : new long[] {
            answered, measured[answered / 2], measured[Math.min(answered - 1, answered * 99 / 100)]
          };
    } finally {
      echo.destroy();
      if (!echo.waitFor(10, TimeUnit.SECONDS)) {
        echo.destroyForcibly();
      }
    }
  }

  /** (b) A bounded unpaced stream through the CLI and through the raw pair, alternating. */
  private void stream(int size, String format) throws Exception {
    List<long[]> cli = new ArrayList<>();
    List<long[]> raw = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      raw.add(rawStream(size));
      cli.add(cliStream(size, "--format", format));
    }
    long cliRate = medianOf(cli, 1);
    long rawRate = medianOf(raw, 1);
    System.out.printf(
        "| %d B stream, RECV --format %s, datagrams/s (median of %d) | %d | %d (raw DatagramChannel pair) | %.2f× | ≥ 0.9× |%n",
        size, format, rounds, cliRate, rawRate, (double) cliRate / rawRate);
    System.out.printf(
        "| %d B stream, RECV --format %s, datagrams lost of %d (each run) | %s | %s | | 0 |%n",
        size, format, datagrams, losses(cli), losses(raw));
  }

  /**
   * SAY to RECV through the launcher; {@code keyArgs} go to both, but for those only one side takes
   * ({@code --seal} to SAY, {@code --format} to RECV).
   */
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
    List<String> sayKeyArgs = new ArrayList<>(List.of(keyArgs));
    int format = sayKeyArgs.indexOf("--format");
    if (format >= 0) {
      sayKeyArgs.subList(format, format + 2).clear();
    }
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
    return pair(concat(recv, recvKeyArgs), concat(say, sayKeyArgs));
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
        if (!m.find()) {
          m = JSON_STATS.matcher(line);
        }
        if (m.find(0)) {
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
    Process process = start(command);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("timed out: " + String.join(" ", command));
    }
    return System.nanoTime() - start;
  }

  /** Starts a command; the reference tool runs from its clone, found by {@code python3 -m}. */
  private static Process start(String... command) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    String reference = System.getenv("MULTICAST_REFERENCE");
    if (reference != null) {
      builder.environment().put("PYTHONPATH", reference);
    }
    return builder.start();
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
