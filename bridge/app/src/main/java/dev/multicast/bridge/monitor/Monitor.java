package dev.multicast.bridge.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multicast.camel.Memberships;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live monitor on the bridge's management port: the page at {@code /}, its files under {@code
 * /monitor/}, the event stream {@code /monitor/events} and the latest state as JSON at {@code
 * /monitor/state} (what {@code multicast top} reads). One thread samples the bridge once a second;
 * another asks the connection checks every {@link #CONNECTION_CHECK_SECONDS}.
 */
public final class Monitor extends ServiceSupport implements StartupListener {
  /** How often the page and {@code multicast top} are told. */
  static final long SAMPLE_MILLIS = 1000;

  /** How many samples the chart shows: the last five minutes. */
  static final int HISTORY_SAMPLES = 300;

  /** A check opens a connection to the broker: not every second. */
  static final long CONNECTION_CHECK_SECONDS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CamelContext context;
  private final Failures failures = new Failures();
  private final Connections connections;
  private final Sampler sampler;
  private final RateHistory history = new RateHistory(HISTORY_SAMPLES);
  private final EventStream events = new EventStream(this::firstEvent);
  private final PageAssets assets = new PageAssets();
  private volatile MonitorState latest;
  private volatile String latestJson;
  private ScheduledExecutorService sampling;
  private ScheduledExecutorService checking;

  private Monitor(CamelContext context, Memberships memberships) {
    this.context = context;
    this.connections = new Connections(context);
    this.sampler = new Sampler(context, memberships, failures, connections);
  }

  /**
   * Sets the monitor up in a configured, not yet started bridge: it listens for failures from the
   * start and serves once the management server runs.
   */
  public static void install(CamelContext context, Memberships memberships) {
    Monitor monitor = new Monitor(context, memberships);
    context.getManagementStrategy().addEventNotifier(monitor.failures);
    try {
      // Camel tells only notifiers that have started.
      context.addService(monitor.failures, true, true);
      context.addStartupListener(monitor);
      context.addService(monitor, true, true);
    } catch (Exception e) {
      throw RuntimeCamelException.wrapRuntimeException(e);
    }
  }

  @Override
  public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
    // Served once everything, the management server included, has started.
  }

  @Override
  public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
    ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
    if (server == null || server.getRouter() == null) {
      LOG.warn("no management server: the monitor page is not served");
      return;
    }
    holdGauges();
    sampleAndTell();
    Router router = server.getRouter();
    for (String path : assets.paths()) {
      router.get(path).handler(assets::serve);
    }
    router.get("/monitor/state").handler(this::state);
    router.get("/monitor/events").handler(events::open);
    sampling =
        context
            .getExecutorServiceManager()
            .newSingleThreadScheduledExecutor(this, "MulticastMonitorSampler");
    sampling.scheduleAtFixedRate(
        this::sampleAndTell, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    checking =
        context
            .getExecutorServiceManager()
            .newSingleThreadScheduledExecutor(this, "MulticastMonitorConnections");
    checking.scheduleWithFixedDelay(
        this::checkConnections, 0, CONNECTION_CHECK_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * The hold buffers' fill for Prometheus too ({@code multicast_hold_held}, {@code
   * multicast_hold_capacity}): what the page shows of them, for the Grafana dashboard.
   */
  private void holdGauges() {
    MeterRegistry registry = context.getRegistry().findSingleByType(MeterRegistry.class);
    if (registry == null) {
      return;
    }
    Sampler.queues(context)
        .forEach(
            (name, queue) -> {
              Gauge.builder("multicast.hold.held", queue, BlockingQueue::size)
                  .description("Datagrams held in memory until the broker takes them")
                  .tag("queue", name)
                  .register(registry);
              Gauge.builder("multicast.hold.capacity", queue, q -> q.size() + q.remainingCapacity())
                  .description("Datagrams the hold buffer holds at most")
                  .tag("queue", name)
                  .register(registry);
            });
  }

  @Override
  protected void doStop() {
    events.closeAll();
    if (sampling != null) {
      context.getExecutorServiceManager().shutdownNow(sampling);
    }
    if (checking != null) {
      context.getExecutorServiceManager().shutdownNow(checking);
    }
  }

  private void state(RoutingContext request) {
    String json = latestJson;
    if (json == null) {
      Headers.secure(request.response())
          .setStatusCode(503)
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("no sample of the bridge yet; try again in a second\n");
      return;
    }
    Headers.secure(request.response())
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(json);
  }

  /**
   * The latest sample with the minutes before it, both from the same sample; null before the first.
   */
  private synchronized String firstEvent() {
    MonitorState state = latest;
    return state == null ? null : json(state.withHistory(history.history()));
  }

  private void sampleAndTell() {
    try {
      events.broadcast(sample());
    } catch (RuntimeException e) {
      // A sample that fails is skipped, not the monitor: the next one comes in a second.
      LOG.warn("monitor: cannot sample the bridge: {}", e.toString());
    }
  }

  /** A new sample, kept as the latest and in the history; its JSON. */
  private synchronized String sample() {
    MonitorState state = sampler.sample();
    history.add(state.time(), state.groups());
    latest = state;
    latestJson = json(state);
    return latestJson;
  }

  private void checkConnections() {
    try {
      connections.check();
    } catch (RuntimeException e) {
      LOG.warn("monitor: cannot check the connections: {}", e.toString());
    }
  }

  private static String json(MonitorState state) {
    try {
      return JSON.writeValueAsString(state);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the monitor state as JSON", e);
    }
  }
}
