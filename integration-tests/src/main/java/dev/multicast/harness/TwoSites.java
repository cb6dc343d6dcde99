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
import org.testcontainers.containers.Network;
import org.testcontainers.lifecycle.Startables;

/**
 * Two sites, each its own Docker network with a bridge and a host, and one broker on both: the
 * layout of a group that spans two networks. Each bridge runs the given routes on its site's {@code
 * eth0} against the broker.
 */
public final class TwoSites implements AutoCloseable {
  /** Site A's network. */
  public final Network siteA = Network.newNetwork();

  /** Site B's network. */
  public final Network siteB = Network.newNetwork();

  /** The broker, on both sites. */
  public final MulticastNode broker = new MulticastNode("broker").on(siteA).on(siteB).brokering();

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
   * @param each applied to every bridge and host before it starts, e.g. to give it a key file
   * @param bridgeArgs more arguments for both bridges, after the group and the broker
   * @param group the group both sites bridge
   * @param routes route files for both bridges; empty for the default routes
   * @return the started sites, which the caller closes
   */
  public static TwoSites start(
      Group group, List<Path> routes, UnaryOperator<MulticastNode> each, String... bridgeArgs) {
    TwoSites sites = new TwoSites(group, routes, each, bridgeArgs);
    try {
      sites.broker.start();
      Startables.deepStart(sites.bridgeA, sites.bridgeB, sites.hostA, sites.hostB).join();
      return sites;
    } catch (RuntimeException e) {
      sites.close();
      throw e;
    }
  }

  private TwoSites(
      Group group, List<Path> routes, UnaryOperator<MulticastNode> each, String... bridgeArgs) {
    bridgeA = bridge("bridge-a", siteA, group, routes, each, bridgeArgs);
    bridgeB = bridge("bridge-b", siteB, group, routes, each, bridgeArgs);
    hostA = each.apply(new MulticastNode("host-a").on(siteA));
    hostB = each.apply(new MulticastNode("host-b").on(siteB));
  }

  private static MulticastNode bridge(
      String name,
      Network site,
      Group group,
      List<Path> routes,
      UnaryOperator<MulticastNode> each,
      String... bridgeArgs) {
    // Listening on the site network too, so that a failure message can show the bridge's metrics;
    // anonymous clients knowingly: the networks are the test's own.
    List<String> args = new ArrayList<>(List.of("--broker-url", "tcp://broker:61616"));
    args.addAll(List.of("--listen", "0.0.0.0", "--allow-anonymous"));
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
    URI metrics = URI.create("http://" + bridge.address(site) + ":9876/observe/metrics");
    try {
      return HttpClient.newHttpClient()
          .send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
          .body()
          .lines()
          .filter(line -> line.startsWith("multicast_") || line.startsWith("camel_exchanges_total"))
          .collect(Collectors.joining("\n", "", "\n"));
    } catch (IOException e) {
      return "(no metrics from " + metrics + ": " + e + ")\n";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  /** Stops every node and removes both networks. */
  @Override
  public void close() {
    for (MulticastNode node : List.of(hostA, hostB, bridgeA, bridgeB, broker)) {
      node.stop();
    }
    siteA.close();
    siteB.close();
  }
}
