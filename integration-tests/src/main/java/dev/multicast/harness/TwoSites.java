package dev.multicast.harness;

import dev.multicast.core.Group;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * Two sites, each its own Docker network with a bridge and a host, and one broker on both: the
 * layout of a group that spans two networks. Each bridge runs the given routes on its site's {@code
 * eth0} against the broker.
 *
 * <p>{@link #startOnKafka} makes the same layout on a {@link KafkaCluster} of three nodes instead
 * of the broker: each bridge runs {@code --kafka} against it, with its site's name ({@code a} or
 * {@code b}) as its {@code --site}, so each site reads as a consumer group of its own that a
 * restarted bridge joins again.
 */
public final class TwoSites implements AutoCloseable {
  /** Site A's network. */
  public final Network siteA = Network.newNetwork();

  /** Site B's network. */
  public final Network siteB = Network.newNetwork();

  /** The broker, on both sites; null on Kafka. */
  public final MulticastNode broker;

  /** The Kafka cluster, on both sites; null with a broker. */
  public final KafkaCluster kafka;

  /** Site A's bridge, between its {@code eth0} and the broker. */
  public final MulticastNode bridgeA;

  /** Site B's bridge, between its {@code eth0} and the broker. */
  public final MulticastNode bridgeB;

  /** An idle host on site A, to run commands on. */
  public final MulticastNode hostA;

  /** An idle host on site B, to run commands on. */
  public final MulticastNode hostB;

  /**
   * Starts the broker, then both bridges and hosts.
   *
   * @param group the group both sites bridge
   * @param routes route files for both bridges; empty for the default routes
   * @param each applied to every bridge and host before it starts, e.g. to give it a key file
   * @param bridgeArgs more arguments for both bridges, after the group and the broker
   * @return the started sites, which the caller closes
   */
  public static TwoSites start(
      Group group, List<Path> routes, UnaryOperator<MulticastNode> each, String... bridgeArgs) {
    return new TwoSites(false, group, routes, each, bridgeArgs).started();
  }

  /**
   * Starts the Kafka cluster, then both bridges, on Kafka, and hosts; as {@link #start} otherwise.
   *
   * @param group the group both sites bridge
   * @param routes route files for both bridges; empty for the default routes
   * @param each applied to every bridge and host before it starts
   * @param bridgeArgs more arguments for both bridges, after the group and the cluster
   * @return the started sites, which the caller closes
   */
  public static TwoSites startOnKafka(
      Group group, List<Path> routes, UnaryOperator<MulticastNode> each, String... bridgeArgs) {
    return new TwoSites(true, group, routes, each, bridgeArgs).started();
  }

  private TwoSites started() {
    try {
      if (kafka != null) {
        kafka.start();
      } else {
        broker.start();
      }
      Startables.deepStart(bridgeA, bridgeB, hostA, hostB).join();
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private TwoSites(
      boolean onKafka,
      Group group,
      List<Path> routes,
      UnaryOperator<MulticastNode> each,
      String... bridgeArgs) {
    broker = onKafka ? null : new MulticastNode("broker").on(siteA).on(siteB).brokering();
    kafka = onKafka ? new KafkaCluster(siteA, siteB) : null;
    bridgeA = bridge("bridge-a", siteA, group, routes, each, concat(site("a"), bridgeArgs));
    bridgeB = bridge("bridge-b", siteB, group, routes, each, concat(site("b"), bridgeArgs));
    hostA = each.apply(new MulticastNode("host-a").on(siteA));
    hostB = each.apply(new MulticastNode("host-b").on(siteB));
  }

  /** What connects a bridge: the broker, or the Kafka cluster as site {@code name}. */
  private List<String> site(String name) {
    return kafka != null
        ? List.of("--kafka", kafka.bootstrapServers(), "--site", name)
        : List.of("--broker-url", "tcp://broker:61616");
  }

  private static String[] concat(List<String> first, String... rest) {
    List<String> all = new ArrayList<>(first);
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  /**
   * A bridge on {@code site} that joins {@code group} and runs {@code routes}, with {@code args}
   * (its broker or Kafka cluster first), listening on the site network too.
   *
   * @param name the bridge's host name
   * @param site the network it bridges
   * @param group the group it joins
   * @param routes route files; empty for the default routes
   * @param each applied to the bridge before it starts
   * @param bridgeArgs its broker or Kafka cluster first, then any other options
   * @return the bridge, not yet started
   */
  public static MulticastNode bridge(
      String name,
      Network site,
      Group group,
      List<Path> routes,
      UnaryOperator<MulticastNode> each,
      String... bridgeArgs) {
    // Listening on the site network too, so that a failure message can show the bridge's metrics;
    // anonymous clients knowingly: the networks are the test's own.
    List<String> args = new ArrayList<>(List.of("--listen", "0.0.0.0", "--allow-anonymous"));
    args.addAll(List.of(bridgeArgs));
    return each.apply(new MulticastNode(name).on(site))
        .withRoutes(routes.toArray(Path[]::new))
        .bridging(group, args.toArray(String[]::new));
  }

  /**
   * What both bridges printed, and what they counted, for a failure message.
   *
   * @return both bridges' output and counters
   */
  public String bridgeOutput() {
    return "bridge A:\n"
        + bridgeA.output()
        + counters(bridgeA, siteA)
        + "\nbridge B:\n"
        + bridgeB.output()
        + counters(bridgeB, siteB);
  }

  /** The bridge's datagram counters and each route's exchanges, from its metrics. */
  private static String counters(MulticastNode bridge, Network site) {
    try {
      return metrics(bridge, site)
          .filter(line -> line.startsWith("multicast_") || line.startsWith("camel_exchanges_total"))
          .collect(Collectors.joining("\n", "", "\n"));
    } catch (IOException e) {
      return "(no metrics from " + bridge.name() + ": " + e + ")\n";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /**
   * The sum of a counter of a bridge listening on {@code site}, over all its labels, e.g. {@code
   * multicast_dead_lettered_total}; 0 while it has none.
   *
   * @param bridge a bridge started with {@code --listen 0.0.0.0}
   * @param site a network the bridge is on
   * @param name a counter's name as Prometheus shows it
   * @return the sum
   * @throws IOException when the metrics cannot be read
   * @throws InterruptedException when interrupted while reading them
   */
  public static double counter(MulticastNode bridge, Network site, String name)
      throws IOException, InterruptedException {
    return metrics(bridge, site)
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** The bridge's metrics, in Prometheus' text form, a line each. */
  private static Stream<String> metrics(MulticastNode bridge, Network site)
      throws IOException, InterruptedException {
    URI metrics = URI.create("http://" + bridge.address(site) + ":9876/observe/metrics");
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
        .body()
        .lines();
  }

  /** Stops every node and removes both networks. */
  @Override
  public void close() {
    for (MulticastNode node : List.of(hostA, hostB, bridgeA, bridgeB)) {
      node.stop();
    }
    if (kafka != null) {
      kafka.close();
    } else {
      broker.stop();
    }
    siteA.close();
    siteB.close();
  }
}
