package dev.multicast.testing.kafka;

import dev.multicast.testing.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka broker (Apache Kafka {@value #VERSION}, KRaft, broker and controller in one node)
 * in a child JVM on loopback, on free ports, with its log and data in a directory of its own.
 *
 * <p>As a JUnit 5 extension ({@code @RegisterExtension static final KafkaBroker kafka = new
 * KafkaBroker();}) it starts before a test class's first test and stops (SIGTERM) after its last.
 * {@link #stop()} and {@link #start()} in between take the broker away and bring it back on the
 * same port with the same data, as a restart would.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  /** The Kafka release this runs, from Maven Central. */
  public static final String VERSION = "4.1.1";

  /** How long a start may take: about 5 s on a quiet 2-core machine, much more on a busy one. */
  private static final Duration START_WAIT = Duration.ofSeconds(90);

  private static final String STARTED = "Kafka Server started";

  private final int port;
  private final int controllerPort;
  private final String heap;
  private Path directory;
  private Process process;
  private boolean formatted;

  /** A broker with a 256 MB heap: enough for tests. */
  public KafkaBroker() {
    this("256m");
  }

  /**
   * @param heap the child JVM's {@code -Xmx}, e.g. {@code 1g} for a benchmark
   */
  public KafkaBroker(String heap) {
    this.port = Ports.free();
    this.controllerPort = Ports.free();
    this.heap = heap;
  }

  /** Where clients connect: {@code 127.0.0.1:PORT}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** Where the broker writes its log, {@code broker.log}, and its data. */
  public Path directory() {
    return directory;
  }

  /** The class path of the broker and Kafka's tools, as Maven resolved it. */
  public static String classPath() {
    try (InputStream in = KafkaBroker.class.getResourceAsStream("classpath.txt")) {
      if (in == null) {
        throw new IllegalStateException(
            "no classpath.txt beside KafkaBroker: build multicast-kafka-testing with Maven");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A command line that runs {@code mainClass} of Kafka's jars in a JVM of {@code heap}. */
  public static List<String> java(String heap, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-cp");
    command.add(classPath());
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    close();
  }

  /**
   * Starts the broker, formatting its storage the first time, and waits until it serves.
   *
   * @throws IllegalStateException when it does not start in time, with the end of its log
   */
  public synchronized void start() throws IOException, InterruptedException {
    if (process != null) {
      return;
    }
    if (directory == null) {
      directory = Files.createTempDirectory("kafka-broker-");
    }
    Path properties = directory.resolve("server.properties");
    Path log4j = directory.resolve("log4j2.properties");
    Path log = directory.resolve("broker.log");
    if (!formatted) {
      Files.writeString(properties, serverProperties());
      Files.writeString(log4j, LOG4J);
      run(List.of("format", "-t", clusterId(), "-c", properties.toString()), log);
      formatted = true;
    }
    long from = Files.exists(log) ? Files.size(log) : 0;
    List<String> command =
        new ArrayList<>(java(heap, "kafka.Kafka", List.of(properties.toString())));
    command.add(1, "-Dlog4j2.configurationFile=" + log4j);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long deadline = System.nanoTime() + START_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (logSince(log, from).contains(STARTED)) {
        return;
      }
      if (!process.isAlive()) {
        process = null;
        throw new IllegalStateException("Kafka broker exited: " + tail(log));
      }
      Thread.sleep(100);
    }
    stop();
    throw new IllegalStateException(
        "Kafka broker did not start in " + START_WAIT + ": " + tail(log));
  }

  /** Stops the broker with SIGTERM, as an operator would, keeping its data for a restart. */
  public synchronized void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    process = null;
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }

  private void run(List<String> args, Path log) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(java("128m", "kafka.tools.StorageTool", args));
    Process format =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (!format.waitFor(60, TimeUnit.SECONDS)) {
      format.destroyForcibly();
      throw new IllegalStateException("kafka-storage format did not finish: " + tail(log));
    }
    if (format.exitValue() != 0) {
      throw new IllegalStateException("kafka-storage format failed: " + tail(log));
    }
  }

  private String serverProperties() {
    return String.join(
        "\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name=PLAINTEXT",
        "log.dirs=" + directory.resolve("data"),
        // One node: every internal topic has one replica.
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        // Tests start consumers and want them assigned at once.
        "group.initial.rebalance.delay.ms=0",
        "");
  }

  /** Kafka's cluster id form: 16 random bytes, URL-safe Base64, never starting with '-'. */
  private static String clusterId() {
    SecureRandom random = new SecureRandom();
    byte[] bytes = new byte[16];
    String id;
    do {
      random.nextBytes(bytes);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (id.startsWith("-"));
    return id;
  }

  private static String logSince(Path log, long from) throws IOException {
    byte[] all = Files.readAllBytes(log);
    int start = (int) Math.min(from, all.length);
    return new String(all, start, all.length - start, StandardCharsets.UTF_8);
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log);
      return text.substring(Math.max(0, text.length() - 2000));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** INFO to the console, which goes to broker.log: the start line is what start() waits for. */
  private static final String LOG4J =
      String.join(
          "\n",
          "appender.console.type=Console",
          "appender.console.name=console",
          "appender.console.layout.type=PatternLayout",
          "appender.console.layout.pattern=[%d] %p %m (%c)%n",
          "rootLogger.level=INFO",
          "rootLogger.appenderRef.console.ref=console",
          "");
}
