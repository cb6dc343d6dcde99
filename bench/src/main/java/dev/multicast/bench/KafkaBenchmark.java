package dev.multicast.bench;

import dev.multicast.testing.Ports;
import dev.multicast.testing.kafka.KafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The bridge into Kafka: a multicast sender ({@code multicast SAY --rate}) through {@code multicast
 * bridge --kafka} into the topic multicast.in, read back by a Kafka consumer; records per second
 * and datagrams not delivered at several offered rates. Baseline in the same run, on the same
 * single-node broker (Kafka {@value KafkaBroker#VERSION}, KRaft, 1 GB heap): Kafka's own {@code
 * ProducerPerformance}, 100-byte records, {@code acks=all}, as fast as it goes. Everything on
 * loopback; every stream is bounded in count and time.
 *
 * <p>Run it with {@code bench/kafka}; arguments: launcher, seconds a rate.
 */
public final class KafkaBenchmark {
  private static final String GROUP = "239.255.78.2";
  private static final int PORT = 50782;
  private static final int RECORDS = 300_000;
  private static final Pattern SENT = Pattern.compile("records sent, ([\\d.]+) records/sec");

  private final String launcher;
  private final int seconds;
  private final KafkaBroker kafka = new KafkaBroker("1g");

  private KafkaBenchmark(String launcher, int seconds) {
    this.launcher = launcher;
    this.seconds = seconds;
  }

  public static void main(String[] args) throws Exception {
    // The Kafka consumer's INFO lines (its whole configuration) would bury the table.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    new KafkaBenchmark(args[0], args.length > 1 ? Integer.parseInt(args[1]) : 3).run();
  }

  private void run() throws Exception {
    kafka.start();
    try {
      System.out.printf(
          "multicast bridge --kafka benchmark: 100-byte records, acks=all, Kafka %s single node,"
              + " %d s a rate, %d cores%n%n",
          KafkaBroker.VERSION, seconds, Runtime.getRuntime().availableProcessors());
      producerPerformance(); // cold: the broker's first run, not counted
      long baseline = producerPerformance();
      System.out.println(
          "| path | offered msg/s | delivered msg/s | not delivered | ProducerPerformance"
              + " records/s | delivered ÷ ProducerPerformance |");
      System.out.println("|---|---|---|---|---|---|");
      bridge(baseline);
    } finally {
      kafka.close();
    }
  }

  private void bridge(long baseline) throws Exception {
    Path data = Files.createTempDirectory("kafka-bench");
    Process bridge =
        new ProcessBuilder(
                launcher,
                "bridge",
                "--kafka",
                kafka.bootstrapServers(),
                "--iface",
                "lo",
                "--group",
                GROUP,
                "--port",
                "" + PORT,
                "--data",
                data.toString(),
                "--http-port",
                "" + Ports.free(),
                "--management-port",
                "" + Ports.free())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(bridge.getInputStream(), StandardCharsets.UTF_8));
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      // The launcher may first say that it builds the jar.
      String line = out.readLine();
      while (line != null && line.startsWith("multicast: building")) {
        line = out.readLine();
      }
      if (line == null || !line.startsWith("multicast bridge:")) {
        throw new IOException("bridge did not start: " + line);
      }
      Thread echo = new Thread(() -> BridgeProcess.echo(out), "bridge-output");
      echo.setDaemon(true);
      echo.start();
      // Warm-up streams, not counted: the JIT, the topic's creation, the producer's connections.
      stream(consumer, 10_000);
      stream(consumer, 20_000);
      for (int rate : new int[] {10_000, 20_000, 40_000, 80_000, 120_000}) {
        long[] result = stream(consumer, rate);
        long offered = (long) rate * seconds;
        System.out.printf(
            "| multicast → Kafka | %d | %d | %d of %d | %d | %.2f× |%n",
            rate, result[1], offered - result[0], offered, baseline, (double) result[1] / baseline);
      }
    } finally {
      bridge.destroy();
      bridge.waitFor(30, TimeUnit.SECONDS);
      bridge.destroyForcibly();
    }
  }

  /** A consumer of multicast.in's one partition, made first (as the bridge would make it). */
  private KafkaConsumer<byte[], byte[]> consumer() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic("multicast.in", 1, (short) 1))).all().get();
    }
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.assign(List.of(new TopicPartition("multicast.in", 0)));
    return consumer;
  }

  /** One bounded, paced SAY stream through the bridge; {received, delivered per second}. */
  private long[] stream(KafkaConsumer<byte[], byte[]> consumer, int rate) throws Exception {
    long count = (long) rate * seconds;
    consumer.seekToEnd(consumer.assignment());
    consumer.assignment().forEach(consumer::position); // now, before the stream starts
    Process say = BridgeBenchmark.say(launcher, GROUP, PORT, count, rate);
    long received = 0;
    long first = 0;
    long last = 0;
    long quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (received < count && System.nanoTime() < quietUntil) {
      ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
      if (!records.isEmpty()) {
        last = System.nanoTime();
        if (received == 0) {
          first = last;
        }
        received += records.count();
        quietUntil = last + TimeUnit.SECONDS.toNanos(3);
      }
    }
    say.waitFor(60, TimeUnit.SECONDS);
    double elapsed = (last - first) / 1e9;
    return new long[] {received, elapsed > 0 ? (long) ((received - 1) / elapsed) : 0};
  }

  /** Kafka's own producer benchmark on the same broker: records per second. */
  private long producerPerformance() throws Exception {
    Process perf =
        new ProcessBuilder(
                KafkaBroker.java(
                    "512m",
                    "org.apache.kafka.tools.ProducerPerformance",
                    List.of(
                        "--topic",
                        "perf",
                        "--num-records",
                        "" + RECORDS,
                        "--record-size",
                        "100",
                        "--throughput",
                        "-1",
                        "--producer-props",
                        "bootstrap.servers=" + kafka.bootstrapServers(),
                        "acks=all")))
            .redirectErrorStream(true)
            .start();
    String result = null;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(perf.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(RECORDS + " records sent")) {
          result = line;
        }
      }
    }
    perf.waitFor(120, TimeUnit.SECONDS);
    if (result == null) {
      throw new IOException("ProducerPerformance printed no result");
    }
    System.out.println("ProducerPerformance: " + result);
    Matcher m = SENT.matcher(result);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }
}
