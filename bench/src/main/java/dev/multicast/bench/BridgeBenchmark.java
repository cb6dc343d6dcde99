package dev.multicast.bench;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The bridge end to end: a multicast sender ({@code multicast SAY --rate}) through {@code multicast
 * bridge} into (a) the non-persistent topic and (b) a persistent queue, drained by a JMS consumer;
 * messages per second and messages lost at several offered rates. Baselines in the same run: the
 * broker's own load generator ({@code artemis perf client}, 100-byte messages, {@code --max-pending
 * 1000}) against the same embedded broker, and the raw multicast pair. Each bridge first carries
 * uncounted warm-up streams, as the perf client has its warm-up. Everything on loopback; every
 * stream is bounded in count and time.
 *
 * <p>Run it with {@code bench/bridge}; arguments: launcher, perf client class path, seconds a rate.
 */
public final class BridgeBenchmark {
  private static final String GROUP = "239.255.78.1";
  private static final Pattern RECEIVED = Pattern.compile("--- received:\\s+(\\d+) msg/sec");
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  private final String launcher;
  private final String perfClientClassPath;
  private final int seconds;

  private BridgeBenchmark(String launcher, String perfClientClassPath, int seconds) {
    this.launcher = launcher;
    this.perfClientClassPath = perfClientClassPath;
    this.seconds = seconds;
  }

  public static void main(String[] args) throws Exception {
    new BridgeBenchmark(args[0], args[1], args.length > 2 ? Integer.parseInt(args[2]) : 3).run();
  }

  private void run() throws Exception {
    System.out.printf(
        "multicast bridge benchmark: 100-byte messages, %d s a rate, %d cores%n%n",
        seconds, Runtime.getRuntime().availableProcessors());
    System.out.println(
        "| path | offered msg/s | delivered msg/s | not delivered (dead-lettered or dropped) | baseline | delivered ÷ baseline |");
    System.out.println("|---|---|---|---|---|---|");
    long raw = rawPair();
    path("topic", List.of(), "multicast.in", false, raw);
    path(
        "queue",
        List.of("--routes", "routes/examples/multicast-to-queue.camel.yaml"),
        "multicast.in",
        true,
        raw);
  }

  private void path(String kind, List<String> routes, String destination, boolean queue, long raw)
      throws Exception {
    try (BridgeProcess bridge = BridgeProcess.start(launcher, GROUP, 50780, routes)) {
      String url = bridge.brokerUrl();
      // Warm-up streams, not counted: the bridge runs with the full tiered JIT, whose C2 compiler
      // still took a quarter of a core after one 3 s stream (perf), and the perf client has its
      // own warm-up too.
      stream(url, destination, queue, 10_000);
      stream(url, destination, queue, 20_000);
      long perf = perfClient(url, queue);
      String baseline = (queue ? "perf client persistent " : "perf client non-persistent ") + perf;
      // 80,000 is above the perf client's rates on our 2-core machine, so that a bridge as fast
      // as the broker's own client could show it.
      for (int rate : new int[] {10_000, 20_000, 40_000, 80_000}) {
        long[] result = stream(url, destination, queue, rate);
        System.out.printf(
            "| multicast → %s | %d | %d | %d of %d | %s; raw multicast pair %d | %.2f× perf client, %.2f× raw |%n",
            kind,
            rate,
            result[1],
            (long) rate * seconds - result[0],
            (long) rate * seconds,
            baseline,
            raw,
            (double) result[1] / perf,
            (double) result[1] / raw);
      }
    }
  }

  /** One bounded, paced SAY stream through the bridge; {received, delivered per second}. */
  private long[] stream(String url, String destination, boolean queue, int rate) throws Exception {
    long count = (long) rate * seconds;
    try (Connection connection = new ActiveMQConnectionFactory(url).createConnection()) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer consumer =
          session.createConsumer(
              queue ? session.createQueue(destination) : session.createTopic(destination));
      connection.start();
      Process say = say(launcher, GROUP, 50780, count, rate);
      long received = 0;
      long first = 0;
      long last = 0;
      while (received < count && consumer.receive(3_000) != null) {
        last = System.nanoTime();
        if (received++ == 0) {
          first = last;
        }
      }
      say.waitFor(60, TimeUnit.SECONDS);
      double elapsed = (last - first) / 1e9;
      return new long[] {received, elapsed > 0 ? (long) ((received - 1) / elapsed) : 0};
    }
  }

  /** A bounded SAY stream of 100-byte datagrams on lo at {@code rate} a second, started. */
  static Process say(String launcher, String group, int port, long count, int rate)
      throws IOException {
    return new ProcessBuilder(
            launcher,
            "SAY",
            "--iface",
            "lo",
            "--group",
            group,
            "--port",
            "" + port,
            "--count",
            "" + count,
            "--rate",
            "" + rate,
            "-m",
            "x".repeat(100))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  /** The broker's own load generator, producer and consumer in one JVM, on the same broker. */
  private long perfClient(String url, boolean persistent) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                JAVA,
                "-cp",
                perfClientClassPath,
                "org.apache.activemq.artemis.cli.Artemis",
                "perf",
                "client",
                "--url",
                url,
                "--message-size",
                "100",
                "--max-pending",
                "1000",
                "--duration",
                "" + (seconds * 2 + 2), // the 2 s warm-up counts in the duration
                "--warmup",
                "2"));
    if (persistent) {
      command.add("--persistent");
    }
    command.add(persistent ? "queue://perf.queue" : "topic://perf.topic");
    Process perf = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<Long> rates = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(perf.getInputStream(), StandardCharsets.UTF_8))) {
      boolean warmup = true;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.contains("--- warmup")) {
          warmup = line.contains("true");
        }
        Matcher m = RECEIVED.matcher(line);
        if (m.find() && !warmup) {
          rates.add(Long.parseLong(m.group(1)));
        }
      }
    }
    perf.waitFor(60, TimeUnit.SECONDS);
    long[] sorted = rates.stream().mapToLong(Long::longValue).sorted().toArray();
    return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
  }

  /** The raw DatagramChannel pair of the CLI benchmark, unpaced: what multicast alone does. */
  private long rawPair() throws Exception {
    String cp = System.getProperty("java.class.path");
    String count = "200000";
    return CliBenchmark.pair(
        new String[] {JAVA, "-cp", cp, RawPair.class.getName(), "recv", GROUP, "50781", count, "2"},
        new String[] {
          JAVA, "-cp", cp, RawPair.class.getName(), "send", GROUP, "50781", count, "100"
        })[1];
  }
}
