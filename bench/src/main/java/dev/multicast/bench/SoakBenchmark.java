package dev.multicast.bench;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The bridge for minutes on end: a multicast sender through {@code multicast bridge} (the default
 * route, the non-persistent topic multicast.in) into a JMS subscriber, at half the rate the bridge
 * sustains (found first, unless given). Every 30 s a bounded SAY stream ends and the bridge's
 * resident memory is sampled; at the end, what was delivered of what was sent, and the sizes of the
 * broker's journal and of the dead letters. Everything on lo; every stream bounded in count and
 * time.
 *
 * <p>Run it with {@code bench/soak [MINUTES] [RATE]}; arguments: launcher, minutes, rate (0: half
 * the sustained rate).
 */
public final class SoakBenchmark {
  // A group and port of its own: bench/bridge and bench/kafka may run beside it.
  private static final String GROUP = "239.255.78.3";
  private static final int PORT = 50783;
  private static final int SAMPLE_SECONDS = 30;
  private static final int PROBE_SECONDS = 5;

  private final String launcher;

  private SoakBenchmark(String launcher) {
    this.launcher = launcher;
  }

  public static void main(String[] args) throws Exception {
    int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    new SoakBenchmark(args[0]).run(minutes, rate);
  }

  private void run(int minutes, int given) throws Exception {
    try (BridgeProcess bridge = BridgeProcess.start(launcher, GROUP, PORT, List.of());
        Subscriber subscriber = new Subscriber(bridge.brokerUrl())) {
      int rate = given > 0 ? given : sustained(subscriber) / 2;
      System.out.printf(
          "multicast bridge soak: 100-byte datagrams → topic multicast.in at %d msg/s for %d min,"
              + " %d cores%n%n",
          rate, minutes, Runtime.getRuntime().availableProcessors());
      System.out.println("| minute | sent | delivered | bridge RSS MiB |");
      System.out.println("|---|---|---|---|");
      long start = subscriber.count();
      double deadBefore = bridge.metric("multicast_dead_lettered_total");
      double dropsBefore = bridge.metric("multicast_kernel_dropped_total");
      long sent = 0;
      long began = System.nanoTime();
      for (int chunk = 0; chunk < minutes * 60 / SAMPLE_SECONDS; chunk++) {
        long count = (long) rate * SAMPLE_SECONDS;
        if (say(count, rate)) {
          sent += count;
        }
        System.out.printf(
            "| %.1f | %d | %d | %d |%n",
            (System.nanoTime() - began) / 60e9,
            sent,
            subscriber.count() - start,
            bridge.rssKiB() / 1024);
      }
      long delivered = subscriber.settle(start + sent) - start;
      Path deadLetters = bridge.data().resolve("dead-letter");
      System.out.printf(
          "%nsoak: sent %d, delivered %d, not delivered %d (dead-lettered %.0f, kernel drops %.0f)%n",
          sent,
          delivered,
          sent - delivered,
          bridge.metric("multicast_dead_lettered_total") - deadBefore,
          bridge.metric("multicast_kernel_dropped_total") - dropsBefore);
      System.out.printf(
          "at the end, probe included: dead-letter directory %d payloads, %d bytes with their"
              + " reasons (%.0f more only counted); broker journal %d bytes; bridge RSS %d MiB%n",
          files(deadLetters),
          bytes(deadLetters),
          bridge.metric("multicast_dead_letters_dropped_total"),
          bytes(bridge.data().resolve("broker")),
          bridge.rssKiB() / 1024);
    }
  }

  /**
   * The highest of a ladder of offered rates that the bridge delivered whole, after a warm-up: the
   * ladder stops at the first rate with a loss.
   */
  private int sustained(Subscriber subscriber) throws Exception {
    say(10_000L * PROBE_SECONDS, 10_000); // warm-up: the JIT, the subscription's first messages
    subscriber.settle(Long.MAX_VALUE);
    int sustained = 0;
    for (int rate : new int[] {5_000, 10_000, 20_000, 30_000, 40_000, 60_000, 80_000}) {
      long before = subscriber.count();
      long count = (long) rate * PROBE_SECONDS;
      boolean sent = say(count, rate);
      long delivered = subscriber.settle(before + count) - before;
      System.out.printf("probe: %d msg/s offered, %d of %d delivered%n", rate, delivered, count);
      if (!sent || delivered < count) {
        break;
      }
      sustained = rate;
    }
    if (sustained == 0) {
      throw new IllegalStateException("the bridge did not deliver 5,000 msg/s whole");
    }
    return sustained;
  }

  /** One bounded SAY stream; whether it sent everything (ended well within its time). */
  private boolean say(long count, int rate) throws Exception {
    Process say = BridgeBenchmark.say(launcher, GROUP, PORT, count, rate);
    if (!say.waitFor(count / rate + 60, TimeUnit.SECONDS)) {
      say.destroyForcibly();
      return false;
    }
    return say.exitValue() == 0;
  }

  private static long files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(p -> p.toString().endsWith(".bin")).count(); // each beside its .txt
    }
  }

  private static long bytes(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }

  /** A subscriber of multicast.in that counts on a thread of its own. */
  private static final class Subscriber implements AutoCloseable {
    private final Connection connection;
    private final AtomicLong count = new AtomicLong();
    private final Thread thread;
    private volatile boolean open = true;

    Subscriber(String url) throws Exception {
      connection = new ActiveMQConnectionFactory(url).createConnection();
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      MessageConsumer consumer = session.createConsumer(session.createTopic("multicast.in"));
      connection.start();
      thread =
          new Thread(
              () -> {
                try {
                  while (open) {
                    if (consumer.receive(200) != null) {
                      count.incrementAndGet();
                    }
                  }
                } catch (Exception e) {
                  if (open) {
                    System.err.println("subscriber: " + e);
                  }
                }
              },
              "subscriber");
      thread.start();
    }

    long count() {
      return count.get();
    }

    /** The count once it reaches {@code expected} or has not moved for 5 s. */
    long settle(long expected) throws InterruptedException {
      long last = -1;
      long stillSince = System.nanoTime();
      while (count.get() < expected) {
        long now = count.get();
        if (now != last) {
          last = now;
          stillSince = System.nanoTime();
        } else if (System.nanoTime() - stillSince > TimeUnit.SECONDS.toNanos(5)) {
          break;
        }
        Thread.sleep(100);
      }
      return count.get();
    }

    @Override
    public void close() throws Exception {
      open = false;
      thread.join(5_000);
      connection.close();
    }
  }
}
