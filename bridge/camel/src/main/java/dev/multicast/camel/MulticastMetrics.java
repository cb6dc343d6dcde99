package dev.multicast.camel;

import dev.multicast.core.KernelDrops;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multicast counters, beside Camel's route metrics on {@code /observe/metrics}: datagrams and
 * bytes in and out per group, datagrams dropped (own emissions, loops), envelopes rejected (by
 * reason), messages dead-lettered, and dead letters dropped because their directory was full.
 */
public final class MulticastMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(MulticastMetrics.class);
  // Held here for good: a function counter keeps only a weak reference to what it reads.
  private static final KernelDrops KERNEL_DROPS = KernelDrops.ofThisProcess();
  private static final AtomicBoolean KERNEL_DROPS_UNSHOWN = new AtomicBoolean();

  /**
   * How many targets get counters of their own. A message picks its target (an HTTP client, a queue
   * message), so targets past these are counted together under {@link #OTHER}: each series stays in
   * memory and on every scrape for good.
   */
  public static final int MAX_TARGETS = 32;

  /** The group and port label of the targets past {@link #MAX_TARGETS}. */
  public static final String OTHER = "other";

  /** The targets with counters of their own, per registry (a JVM may run several bridges). */
  private static final Map<MeterRegistry, Set<String>> TARGETS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private MulticastMetrics() {}

  /**
   * The inbound counters of one group, to keep: a look-up builds and sorts the meter's tags, too
   * much to repeat for every datagram.
   */
  static Flow in(CamelContext context, String group, int port) {
    MeterRegistry registry = registry(context);
    if (registry == null) {
      return Flow.NONE;
    }
    String portText = Integer.toString(port);
    return new Flow(
        registry.counter("multicast.datagrams.in", "group", group, "port", portText),
        registry.counter("multicast.bytes.in", "group", group, "port", portText));
  }

  static void out(CamelContext context, String group, int port, int bytes) {
    MeterRegistry registry = registry(context);
    if (registry != null) {
      Tags target = target(registry, group, port);
      registry.counter("multicast.datagrams.out", target).increment();
      registry.counter("multicast.bytes.out", target).increment(bytes);
    }
  }

  static void dropped(CamelContext context, String group, int port, String reason) {
    MeterRegistry registry = registry(context);
    if (registry != null) {
      registry
          .counter("multicast.dropped", target(registry, group, port).and("reason", reason))
          .increment();
    }
  }

  /** The labels of a target a message picked: its own, or {@link #OTHER} past the bound. */
  private static Tags target(MeterRegistry registry, String group, int port) {
    String key = group + " " + port;
    Set<String> seen = TARGETS.computeIfAbsent(registry, r -> ConcurrentHashMap.newKeySet());
    boolean own = seen.contains(key);
    if (!own) {
      synchronized (seen) {
        own = seen.contains(key) || (seen.size() < MAX_TARGETS && seen.add(key));
      }
    }
    return own
        ? Tags.of("group", group, "port", Integer.toString(port))
        : Tags.of("group", OTHER, "port", OTHER);
  }

  /**
   * An envelope refused by an {@link EnvelopeDataFormat}, as {@code multicast_rejected_total}; see
   * {@link EnvelopeRejectedException#label()} for the reason. The group and port are empty for a
   * message that did not come from a multicast source.
   */
  static void rejected(CamelContext context, String group, String port, String reason) {
    MeterRegistry registry = registry(context);
    if (registry != null) {
      registry
          .counter("multicast.rejected", "group", group, "port", port, "reason", reason)
          .increment();
    }
  }

  /**
   * A message written to the dead-letter directory, as {@code multicast_dead_lettered_total}.
   *
   * @param context the Camel context, whose registry counts it; nothing without one
   * @param route the id of the route that failed
   */
  public static void deadLettered(CamelContext context, String route) {
    MeterRegistry registry = registry(context);
    if (registry != null) {
      registry.counter("multicast.dead.lettered", "route", String.valueOf(route)).increment();
    }
  }

  /**
   * A dead letter not written because the dead-letter directory is full, as {@code
   * multicast_dead_letters_dropped_total}.
   *
   * @param context the Camel context, whose registry counts it; nothing without one
   * @param route the id of the route whose message was dropped
   */
  public static void deadLettersDropped(CamelContext context, String route) {
    MeterRegistry registry = registry(context);
    if (registry != null) {
      registry
          .counter("multicast.dead.letters.dropped", "route", String.valueOf(route))
          .increment();
    }
  }

  /**
   * What the kernel discarded at the sockets bound to {@code local} because their buffer was full,
   * as {@code multicast_kernel_dropped_total}: datagrams that reached this host but never a source,
   * read from the kernel whenever the metrics are read. Where the system does not show it, said
   * once in the log.
   *
   * @param context the Camel context, whose registry gets the counter; nothing without one
   * @param group the group's address, as the counter's label
   * @param port the group's port
   * @param local the address the sockets are bound to
   */
  public static void kernelDrops(
      CamelContext context, String group, int port, InetSocketAddress local) {
    MeterRegistry registry = registry(context);
    if (registry == null) {
      return;
    }
    if (!KERNEL_DROPS.available() && KERNEL_DROPS_UNSHOWN.compareAndSet(false, true)) {
      LOG.warn("this system does not show the datagrams its kernel drops at full sockets");
    }
    FunctionCounter.builder(
            "multicast.kernel.dropped", KERNEL_DROPS, drops -> drops.count(local).orElse(0))
        .tags("group", group, "port", Integer.toString(port))
        .register(registry);
  }

  /**
   * {@return all datagrams the sources took so far, every group together; 0 without metrics}
   *
   * @param context the Camel context
   */
  public static double datagramsIn(CamelContext context) {
    MeterRegistry registry = registry(context);
    if (registry == null) {
      return 0;
    }
    return registry.find("multicast.datagrams.in").counters().stream()
        .mapToDouble(counter -> counter.count())
        .sum();
  }

  /** The datagram and byte counters of one group and direction. */
  static final class Flow {
    /** Counts nothing: metrics are off. */
    static final Flow NONE = new Flow(null, null);

    private final Counter datagrams;
    private final Counter bytes;

    private Flow(Counter datagrams, Counter bytes) {
      this.datagrams = datagrams;
      this.bytes = bytes;
    }

    /** One datagram of {@code size} bytes. */
    void count(int size) {
      if (datagrams != null) {
        datagrams.increment();
        bytes.increment(size);
      }
    }
  }

  /** Camel's registry when metrics are on (the bridge turns them on); none in plain routes. */
  private static MeterRegistry registry(CamelContext context) {
    return context.getRegistry().findSingleByType(MeterRegistry.class);
  }
}
