package dev.multicast.bridge.monitor;

import dev.multicast.bridge.monitor.MonitorState.DeadLetterState;
import dev.multicast.bridge.monitor.MonitorState.DropCount;
import dev.multicast.bridge.monitor.MonitorState.Flow;
import dev.multicast.bridge.monitor.MonitorState.GroupState;
import dev.multicast.bridge.monitor.MonitorState.HoldState;
import dev.multicast.bridge.monitor.MonitorState.RouteState;
import dev.multicast.camel.Memberships;
import dev.multicast.core.KernelDrops;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.util.URISupport;

/**
 * Reads the bridge once: its multicast counters and Camel's route counters (Micrometer), the
 * memberships, the in-memory buffers and the routes, into a {@link MonitorState} with rates since
 * the previous sample. One thread samples; every page and terminal gets the same result.
 */
final class Sampler {
  /** Groups shown at most: a sink's target group may come from a message header. */
  static final int MAX_GROUPS = 64;

  /** Drop counts shown at most (reasons times groups). */
  static final int MAX_DROPS = 64;

  /** Where a membership's group ends and its interface begins: {@code 239.1.2.3:5000 on eth0}. */
  private static final String ON = " on ";

  private final CamelContext context;
  private final Memberships memberships;
  private final Failures failures;
  private final Connections connections;

  private long previousTime;
  private Map<String, Double> previous = Map.of();
  private Map<String, Double> current = new HashMap<>();
  private double seconds;

  Sampler(
      CamelContext context, Memberships memberships, Failures failures, Connections connections) {
    this.context = context;
    this.memberships = memberships;
    this.failures = failures;
    this.connections = connections;
  }

  /** The bridge now; rates are over the time since the previous call. */
  MonitorState sample() {
    long now = System.currentTimeMillis();
    seconds = previousTime == 0 ? 0 : Math.max(0.001, (now - previousTime) / 1000.0);
    current = new HashMap<>();
    MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
    Map<String, String> joins = memberships == null ? Map.of() : memberships.snapshot();
    List<GroupState> groups = new ArrayList<>();
    int notShown = groups(registry, joins, groups);
    MonitorState state =
        new MonitorState(
            now,
            groups,
            notShown,
            drops(registry),
            new DeadLetterState(
                (long) sum(registry, "multicast.dead.lettered"),
                (long) sum(registry, "multicast.dead.letters.dropped"),
                failures.deadLetters()),
            holds(),
            connections.latest(),
            routes(registry),
            null);
    previous = current;
    previousTime = now;
    return state;
  }

  /** Fills {@code groups}, sorted, at most {@link #MAX_GROUPS}; returns how many were left out. */
  private int groups(MeterRegistry registry, Map<String, String> joins, List<GroupState> groups) {
    Map<String, String> ifaces = new TreeMap<>();
    Map<String, String> problems = new HashMap<>();
    joins.forEach(
        (membership, problem) -> {
          int on = membership.indexOf(ON);
          String group = on < 0 ? membership : membership.substring(0, on);
          ifaces.put(group, on < 0 ? "" : membership.substring(on + ON.length()));
          if (problem != null) {
            problems.put(group, problem);
          }
        });
    Map<String, Double> datagramsIn = byGroup(registry, "multicast.datagrams.in");
    Map<String, Double> bytesIn = byGroup(registry, "multicast.bytes.in");
    Map<String, Double> datagramsOut = byGroup(registry, "multicast.datagrams.out");
    Map<String, Double> bytesOut = byGroup(registry, "multicast.bytes.out");
    TreeSet<String> names = new TreeSet<>(ifaces.keySet());
    names.addAll(datagramsIn.keySet());
    names.addAll(datagramsOut.keySet());
    for (String name : names) {
      if (groups.size() == MAX_GROUPS) {
        break;
      }
      String status;
      String detail;
      if (!ifaces.containsKey(name)) {
        status = "sends-only";
        detail = "sent to; no source listens";
      } else if (problems.containsKey(name)) {
        status = "not-joined";
        detail = problems.get(name);
      } else {
        status = "joined";
        detail = "joined";
      }
      groups.add(
          new GroupState(
              name,
              ifaces.getOrDefault(name, ""),
              status,
              Failures.oneLine(detail),
              flow("in " + name, datagramsIn.get(name), bytesIn.get(name)),
              flow("out " + name, datagramsOut.get(name), bytesOut.get(name))));
    }
    return names.size() - groups.size();
  }

  private Flow flow(String key, Double datagrams, Double bytes) {
    if (datagrams == null) {
      return Flow.NONE;
    }
    double byteCount = bytes == null ? 0 : bytes;
    return new Flow(
        datagrams.longValue(),
        (long) byteCount,
        rate("datagrams " + key, datagrams),
        rate("bytes " + key, byteCount));
  }

  private List<DropCount> drops(MeterRegistry registry) {
    List<DropCount> drops = new ArrayList<>();
    for (String kind : List.of("dropped", "rejected")) {
      if (registry == null) {
        break;
      }
      for (Counter counter : registry.find("multicast." + kind).counters()) {
        if (drops.size() == MAX_DROPS) {
          break;
        }
        String reason = String.valueOf(counter.getId().getTag("reason"));
        String group = group(counter);
        double count = counter.count();
        drops.add(
            new DropCount(
                reason, kind, group, (long) count, rate(kind + " " + reason + " " + group, count)));
      }
    }
    drops.sort(
        Comparator.comparing(DropCount::kind)
            .thenComparing(DropCount::reason)
            .thenComparing(DropCount::group));
    // What the kernel discarded at each source's full socket; where the system does not show it,
    // one row says so.
    boolean shown = KernelDrops.ofThisProcess().available();
    if (registry != null && shown) {
      for (FunctionCounter counter : registry.find("multicast.kernel.dropped").functionCounters()) {
        String group = group(counter);
        double count = counter.count();
        drops.add(
            new DropCount("kernel", "kernel", group, (long) count, rate("kernel " + group, count)));
      }
    } else {
      drops.add(new DropCount("kernel", "kernel", "", null, 0));
    }
    return drops;
  }

  private List<HoldState> holds() {
    List<HoldState> holds = new ArrayList<>();
    queues(context)
        .forEach(
            (name, queue) -> {
              int held = queue.size();
              holds.add(new HoldState(name, held, (long) held + queue.remainingCapacity()));
            });
    return holds;
  }

  /** The in-memory queues by name, each once however many endpoints share it. */
  static Map<String, BlockingQueue<?>> queues(CamelContext context) {
    Map<BlockingQueue<?>, String> names = new IdentityHashMap<>();
    for (Endpoint endpoint : context.getEndpoints()) {
      if (endpoint instanceof SedaEndpoint seda) {
        names.putIfAbsent(seda.getQueue(), seda.getEndpointBaseUri().replaceFirst("^seda:/*", ""));
      }
    }
    Map<String, BlockingQueue<?>> queues = new TreeMap<>();
    names.forEach((queue, name) -> queues.put(name, queue));
    return queues;
  }

  /** The routes of the configuration; those a Kamelet made are part of theirs. */
  private List<RouteState> routes(MeterRegistry registry) {
    List<RouteState> routes = new ArrayList<>();
    for (Route route : context.getRoutes()) {
      if (route.isCreatedByKamelet()) {
        continue;
      }
      String id = route.getRouteId();
      double total =
          routeCounter(
              registry,
              MicrometerConstants.DEFAULT_CAMEL_ROUTE_POLICY_EXCHANGES_TOTAL_METER_NAME,
              id);
      double failed =
          routeCounter(
              registry,
              MicrometerConstants.DEFAULT_CAMEL_ROUTE_POLICY_EXCHANGES_FAILED_METER_NAME,
              id);
      ServiceStatus status = context.getRouteController().getRouteStatus(id);
      Failures.RouteError error = failures.lastError(id);
      routes.add(
          new RouteState(
              id,
              URISupport.sanitizeUri(route.getEndpoint().getEndpointUri()),
              status == null ? "" : status.name(),
              (long) total,
              (long) failed,
              rate("route " + id, total),
              error == null ? "" : error.reason(),
              error == null ? 0 : error.time()));
    }
    return routes;
  }

  /** Per second since the previous sample; remembered for the next. */
  private double rate(String key, double value) {
    current.put(key, value);
    if (seconds == 0) {
      return 0;
    }
    // A counter that appeared since the previous sample started from 0.
    double before = previous.getOrDefault(key, 0.0);
    return Math.max(0, (value - before) / seconds);
  }

  private static double routeCounter(MeterRegistry registry, String name, String route) {
    if (registry == null) {
      return 0;
    }
    Counter counter = registry.find(name).tag(MicrometerConstants.ROUTE_ID_TAG, route).counter();
    return counter == null ? 0 : counter.count();
  }

  /** A counter's value for each {@code group:port}. */
  private static Map<String, Double> byGroup(MeterRegistry registry, String name) {
    Map<String, Double> values = new HashMap<>();
    if (registry != null) {
      for (Counter counter : registry.find(name).counters()) {
        values.merge(group(counter), counter.count(), Double::sum);
      }
    }
    return values;
  }

  private static String group(Meter counter) {
    String group = counter.getId().getTag("group");
    String port = counter.getId().getTag("port");
    return group == null || group.isEmpty() ? "" : group + ":" + port;
  }

  private static double sum(MeterRegistry registry, String name) {
    return registry == null
        ? 0
        : registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }
}
