package dev.multicast.bridge;

import dev.multicast.bridge.access.Access;
import dev.multicast.bridge.access.BrokerLogin;
import dev.multicast.bridge.access.HttpAccess;
import dev.multicast.bridge.monitor.Monitor;
import dev.multicast.camel.EnvelopeDataFormat;
import dev.multicast.camel.KameletParameters;
import dev.multicast.camel.Memberships;
import dev.multicast.camel.MulticastMetrics;
import dev.multicast.core.MulticastException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.netty.NettyEndpoint;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.seda.SedaEndpoint;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.model.Model;
import org.apache.camel.util.ObjectHelper;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * {@code multicast bridge}: Camel Main running YAML routes and the multicast Kamelets, on an
 * embedded Artemis broker unless an external one is given. Settings reach routes as the properties
 * {@code multicast.group}, {@code multicast.port}, {@code multicast.iface}, {@code multicast.ttl}
 * and {@code multicast.site}, and whatever {@code -p KEY=VALUE} gives, such as the key file of an
 * {@link EnvelopeDataFormat} as {@code multicast.key-file}. With {@link BridgeSettings#kafka()},
 * the default routes run on Kafka instead ({@code routes/kafka}), and no broker starts.
 */
public final class MulticastBridge {
  /** Client settings that ride out a broker restart: reconnect for ever, also on first connect. */
  static final String RECONNECT =
      "reconnectAttempts=-1&initialConnectAttempts=-1&retryInterval=500&maxRetryInterval=2000"
          + "&cacheDestinations=true";

  /**
   * How long stopping waits for held datagrams to reach the broker, from the stop on; what is still
   * held then is dead-lettered, and Camel gets {@link #SHUTDOWN_SECONDS} for the rest: a stop takes
   * at most about 15 s.
   */
  private static final long DRAIN_SECONDS = 10;

  /** How long Camel waits for its routes to stop, after the drain. */
  private static final long SHUTDOWN_SECONDS = 3;

  /**
   * The reason of a datagram dead-lettered because the bridge stopped before the broker took it.
   */
  static final String SHUTDOWN_REASON =
      "shutdown: the broker did not take it within " + DRAIN_SECONDS + " s of the stop";

  /** How long start-up waits for the sources' joins before it reports them as not joined yet. */
  private static final Duration JOIN_WAIT = Duration.ofSeconds(10);

  /** At most this for the routes' JMS subscriptions before the summary; a broker may be away. */
  private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(5);

  private final BridgeSettings settings;
  private final Access access;
  private final PrintWriter out;
  private final Main main = new Main();
  private final Memberships memberships = new Memberships();
  private final GuardedVertx vertx = new GuardedVertx(main::getCamelContext);

  /** Why the embedded broker is gone for good; null while it runs. */
  private volatile String brokerLost;

  // Where the routes' connections come from: they try without end while the broker is away.
  private volatile ActiveMQConnectionFactory brokerClients;

  /** A bridge that lets anonymous clients send and receive (see {@link Access#ANONYMOUS}). */
  public MulticastBridge(BridgeSettings settings, PrintWriter out) {
    this(settings, Access.ANONYMOUS, out);
  }

  public MulticastBridge(BridgeSettings settings, Access access, PrintWriter out) {
    this.settings = settings;
    this.access = access;
    this.out = out;
  }

  /**
   * Runs until the process is interrupted or {@link #stop()} is called.
   *
   * @throws BridgeConfigException when a route file, route or Kamelet parameter is wrong; the
   *     routes are checked before the broker or any socket starts
   * @throws CannotListenException when a port the bridge needs is taken or not allowed
   * @throws MulticastException (unavailable) when the embedded broker stopped for good
   */
  public void run() throws Exception {
    checkRouteFiles();
    checkPortsFree();
    if (settings.embedsBroker()) {
      DataDirectories.prepare("--data", settings.brokerDir(), settings.deadLetterDir());
    } else {
      DataDirectories.prepare("--data", settings.deadLetterDir());
    }
    BrokerService[] broker = new BrokerService[1];
    String brokerUrl =
        settings.brokerUrl() != null ? settings.brokerUrl() : settings.embeddedBrokerUrl();
    // The routes reach an embedded broker in memory; other clients through its TCP acceptor.
    String routesBrokerUrl =
        settings.brokerUrl() != null
            ? settings.brokerUrl()
            : EmbeddedBroker.inVmUrl(settings.brokerPort());
    configure(routesBrokerUrl);
    boolean[] started = new boolean[1];
    main.addMainListener(
        new MainListenerSupport() {
          @Override
          public void afterConfigure(BaseMainSupport configured) {
            CamelContext context = configured.getCamelContext();
            checkSomethingToBridge(context);
            KameletParameters.check(context);
            HealthCheckRegistry health = HealthCheckRegistry.get(context);
            health.register(memberships);
            if (settings.kafka() == null) {
              health.register(new BrokerReadiness(routesBrokerUrl, brokerUrl, externalLogin()));
            }
            access.users().ifPresent(users -> HttpAccess.install(context, users));
            access.tls().ifPresent(tls -> tls.serveHttp(context));
            Monitor.install(context, memberships);
            // Key files are read here, so a bad one stops the bridge before anything binds.
            EnvelopeDataFormat.initAll(context);
            if (settings.embedsBroker()) {
              broker[0] = startBroker(context);
            }
          }

          @Override
          public void beforeStop(BaseMainSupport stopping) {
            drain(stopping.getCamelContext());
          }

          @Override
          public void afterStart(BaseMainSupport running) {
            started[0] = true;
            HttpGuard.answerBodyLimit(running.getCamelContext(), settings.httpPort());
            Map<String, String> joins;
            try {
              // Netty joins, and JMS consumers subscribe, after the routes have started: "started"
              // should mean listening on both sides.
              joins = memberships.awaitJoined(JOIN_WAIT);
              Subscriptions.await(running.getCamelContext(), SUBSCRIBE_WAIT);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
            // The embedded broker by the address it listens on, which may be every address.
            printSummary(
                running.getCamelContext(),
                broker[0] != null ? broker[0].broker().url() : brokerUrl,
                broker[0] != null,
                joins);
          }
        });
    try {
      main.run();
      if (!started[0] && main.getCamelContext() == null) {
        throw new BridgeConfigException("the bridge did not start", null);
      }
    } catch (Exception | Error e) {
      CannotListenException listen = ObjectHelper.getException(CannotListenException.class, e);
      if (listen != null) {
        throw listen;
      }
      if (!started[0]) {
        throw new BridgeConfigException(ConfigErrors.describe(e), e);
      }
      throw e;
    } finally {
      closeBrokerClients();
      if (broker[0] != null) {
        broker[0].broker().close();
      }
      vertx.close();
    }
    if (brokerLost != null) {
      throw new MulticastException(MulticastException.Reason.UNAVAILABLE, brokerLost);
    }
  }

  /**
   * Camel does not close the connection factory it was given. Left open, its clients would try the
   * stopped broker without end in a JVM that goes on: an application embedding the bridge, or
   * tests. Closing the Artemis factory closes every connection it made; closing the cache in front
   * of it first would wait out a call timeout (30 s) on each cached session.
   */
  private void closeBrokerClients() {
    if (brokerClients != null) {
      brokerClients.close();
    }
  }

  /**
   * Stops taking datagrams, then waits until what the routes hold in their buffers has gone on,
   * before Camel stops the routes (which would drop what its in-memory queues still hold).
   */
  private void drain(CamelContext context) {
    if (context == null) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
    try {
      // Datagrams already read by a source may still sit in its thread pool's queue, where
      // stopping the route would drop them: first let the sources fall quiet.
      long quietUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      for (double seen = -1, now = MulticastMetrics.datagramsIn(context);
          seen != now && System.nanoTime() < quietUntil;
          now = MulticastMetrics.datagramsIn(context)) {
        seen = now;
        Thread.sleep(300);
      }
      for (Route route : context.getRoutes()) {
        if (route.getEndpoint() instanceof NettyEndpoint) {
          context.getRouteController().stopRoute(route.getRouteId(), 2, TimeUnit.SECONDS);
        }
      }
      while (System.nanoTime() < deadline
          && (held(context) > 0
              || context.getInflightRepository().size() > 0
              || unsettled(context) > 0)) {
        Thread.sleep(20);
      }
      deadLetterWhatIsHeld(context);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // Shutting down regardless: Camel's own graceful shutdown follows and reports its own.
      out.printf("multicast bridge: could not drain before stopping: %s%n", e.getMessage());
    }
  }

  /**
   * What the broker did not take in time, from the buffers and from the batches whose delivery
   * still retries, goes to the dead-letter directory with {@link #SHUTDOWN_REASON}, counted, and
   * one line says how many: stopping the routes would drop it silently. A batch the broker takes
   * after all, in Camel's last seconds, is then both delivered and dead-lettered.
   */
  private void deadLetterWhatIsHeld(CamelContext context) throws Exception {
    List<Exchange> left = new ArrayList<>();
    for (Endpoint endpoint : context.getEndpoints()) {
      if (endpoint instanceof SedaEndpoint seda) {
        seda.getQueue().drainTo(left);
      }
    }
    for (BatchingDelivery delivery : deliveries(context)) {
      left.addAll(delivery.giveUp());
    }
    if (left.isEmpty()) {
      return;
    }
    DeadLetters deadLetters = DeadLetters.of(context);
    for (Exchange exchange : left) {
      deadLetters.add(exchange, new IllegalStateException(SHUTDOWN_REASON));
    }
    out.printf(
        "multicast bridge: stopped with %d datagrams the broker did not take: dead-lettered to"
            + " %s%n",
        left.size(), settings.deadLetterDir());
    out.flush();
  }

  /** The routes' batching deliveries, as their beans. */
  private static Set<BatchingDelivery> deliveries(CamelContext context) {
    return context.getRegistry().findByType(BatchingDelivery.class);
  }

  /** Datagrams the routes' deliveries have taken and not yet delivered. */
  private static int unsettled(CamelContext context) {
    return deliveries(context).stream().mapToInt(BatchingDelivery::unsettled).sum();
  }

  /** Exchanges waiting in the routes' in-memory queues. */
  private static int held(CamelContext context) {
    int held = 0;
    for (Endpoint endpoint : context.getEndpoints()) {
      if (endpoint instanceof SedaEndpoint seda) {
        held += seda.getCurrentQueueSize();
      }
    }
    return held;
  }

  private BrokerService startBroker(CamelContext context) {
    try {
      BrokerService.Starter starter =
          () ->
              EmbeddedBroker.start(
                  settings.brokerDir(),
                  settings.listenHost(),
                  settings.brokerPort(),
                  access.brokerSecurity(),
                  access.tls());
      BrokerService broker =
          new BrokerService(
              starter.start(),
              starter,
              out,
              why -> {
                brokerLost = why;
                stop();
                // A client still trying to connect holds the lock that the routes' stop needs, and
                // no broker will answer it: closing its factory ends the attempt.
                ActiveMQConnectionFactory trying = brokerClients;
                if (trying != null) {
                  trying.close();
                }
              });
      // Stopped by Camel after the routes drain, also when a signal ends the JVM.
      context.addService(broker, true, true);
      return broker;
    } catch (Exception e) {
      throw RuntimeCamelException.wrapRuntimeException(e);
    }
  }

  /**
   * Route files that hold no route (a YAML map, an empty list, a directory without route files)
   * would leave a bridge that reports itself up and bridges nothing.
   */
  private void checkSomethingToBridge(CamelContext context) {
    if (context
        .getCamelContextExtension()
        .getContextPlugin(Model.class)
        .getRouteDefinitions()
        .isEmpty()) {
      throw new BridgeConfigException(
          "no route in "
              + settings.routes().stream().map(Path::toString).collect(Collectors.joining(", "))
              + " (expected YAML route files, *.camel.yaml, each holding a list with at least one"
              + " '- route:')",
          null);
    }
  }

  /** Route files must exist before Camel is asked, which otherwise fails obscurely. */
  private void checkRouteFiles() {
    for (Path path : settings.routes()) {
      if (!Files.isReadable(path)) {
        throw new BridgeConfigException(
            "route file or directory " + path + " does not exist or cannot be read", null);
      }
    }
  }

  /**
   * Every port this bridge will listen on, before anything starts. HTTP routes and management may
   * share one port (Camel serves both on one server); the broker cannot share its port.
   */
  private void checkPortsFree() {
    Map<Integer, String> ports = new LinkedHashMap<>();
    ports.put(settings.httpPort(), "--http-port");
    ports.putIfAbsent(settings.managementPort(), "--management-port");
    if (settings.embedsBroker()) {
      String shared = ports.putIfAbsent(settings.brokerPort(), "--broker-port");
      if (shared != null) {
        throw new BridgeConfigException(
            String.format(
                "--broker-port %d is also the %s (expected a port of the broker's own)",
                settings.brokerPort(), shared),
            null);
      }
    }
    ListenPorts.checkFree(settings.listenHost(), ports);
  }

  /** Stops the bridge gracefully: routes drain, then the broker stops. */
  public void stop() {
    main.completed();
  }

  public CamelContext camelContext() {
    return main.getCamelContext();
  }

  private void configure(String routesBrokerUrl) {
    Map<String, String> properties =
        Map.ofEntries(
            Map.entry("camel.main.name", "multicast-bridge"),
            Map.entry("camel.main.routes-include-pattern", routePatterns()),
            Map.entry("camel.main.shutdown-timeout", Long.toString(SHUTDOWN_SECONDS)),
            // Stopping dead-letters the batches still in delivery, found among the in-flight.
            Map.entry("camel.main.inflight-repository-browse-enabled", "true"),
            Map.entry("camel.component.kamelet.location", "classpath:kamelets"),
            Map.entry("camel.component.jms.async-start-listener", "true"),
            // Each JMS consumer keeps its own session and consumer, with local transactions: a
            // topic subscriber taken afresh from a shared session cache for every receive left
            // subscriptions behind in other cached sessions, and each then got every message.
            Map.entry("camel.component.jms.cache-level-name", "CACHE_CONSUMER"),
            Map.entry("camel.component.jms.lazy-create-transaction-manager", "false"),
            Map.entry("camel.server.enabled", "true"),
            Map.entry("camel.server.host", settings.listenHost()),
            Map.entry("camel.server.port", Integer.toString(settings.httpPort())),
            // A chunked body stops being read at one datagram's worth (HttpGuard refuses a
            // declared one before).
            Map.entry("camel.server.max-body-size", Long.toString(HttpGuard.MAX_BODY)),
            Map.entry("camel.management.enabled", "true"),
            Map.entry("camel.management.host", settings.listenHost()),
            Map.entry("camel.management.port", Integer.toString(settings.managementPort())),
            Map.entry("camel.management.health-check-enabled", "true"),
            // Every check with its details: which group is not joined, which broker is away.
            Map.entry("camel.health.exposure-level", "full"),
            Map.entry("camel.management.metrics-enabled", "true"),
            Map.entry("camel.metrics.enabled", "true"),
            // Per-route metrics stay; per-endpoint exchange timers cost a fifth of each route
            // thread's time (bench/bridge, JFR) and say little more.
            Map.entry("camel.metrics.enable-exchange-event-notifier", "false"),
            // Per route only: the context-wide timers of every exchange cost another third of the
            // source thread's time (JFR), for a sum of the routes'.
            Map.entry("camel.metrics.route-policy-level", "route"),
            Map.entry("multicast.group", settings.group().host()),
            Map.entry("multicast.port", Integer.toString(settings.group().port())),
            Map.entry("multicast.iface", settings.iface().getName()),
            Map.entry("multicast.ttl", Integer.toString(settings.ttl())),
            Map.entry("multicast.site", settings.site()));
    settings.properties().forEach(main::addOverrideProperty);
    properties.forEach(main::addOverrideProperty);
    // Checked here, so that a bad one is named, not a Camel trace; the routes read the checked
    // value, default included.
    Map<RouteProperty, Long> limits = new EnumMap<>(RouteProperty.class);
    for (RouteProperty property : RouteProperty.values()) {
      long value = property.value(settings.properties());
      limits.put(property, value);
      main.addOverrideProperty(property.key(), Long.toString(value));
    }
    // platform-http takes the one Vert.x in the registry for its servers.
    main.bind("vertx", vertx);
    main.bind(Memberships.BEAN, memberships);
    main.bind(
        DeadLetters.BEAN,
        new DeadLetters(
            settings.deadLetterDir(),
            Math.toIntExact(limits.get(RouteProperty.DEAD_LETTERS_MAX)),
            limits.get(RouteProperty.DEAD_LETTERS_MAX_BYTES)));
    main.bind("sayRequest", new SayRequest());
    main.bind("sayResponse", new SayResponse());
    main.bind("sayFailure", new SayFailure());
    main.bind("refusedMessages", new RefusedMessages());
    String separator = routesBrokerUrl.contains("?") ? "&" : "?";
    ActiveMQConnectionFactory factory =
        new ActiveMQConnectionFactory(routesBrokerUrl + separator + RECONNECT);
    externalLogin().ifPresent(login -> login.applyTo(factory));
    brokerClients = factory;
    CachingConnectionFactory connections = new CachingConnectionFactory(factory);
    // One cached session per concurrent delivery (multicast.senders).
    connections.setSessionCacheSize(RouteProperty.MAX_SENDERS);
    // A cached consumer stays subscribed: consumers hold their own (CACHE_CONSUMER above).
    connections.setCacheConsumers(false);
    main.bind("connectionFactory", connections);
    if (settings.kafka() != null) {
      main.bind("kafka", settings.kafka().component(settings.properties()));
    }
  }

  /** The login for {@code --broker-url}; the routes reach an embedded broker in memory. */
  private Optional<BrokerLogin> externalLogin() {
    return settings.brokerUrl() != null ? access.brokerLogin() : Optional.empty();
  }

  /** The support routes always, then the user's files and directories, or else the defaults. */
  private String routePatterns() {
    List<String> patterns = new ArrayList<>(List.of("classpath:routes/support/*.camel.yaml"));
    if (settings.routes().isEmpty() && settings.kafka() != null) {
      // POST /say is the same on Kafka; the two routes through the broker are Kafka's own.
      patterns.add("classpath:routes/default/http-say.camel.yaml");
      patterns.add("classpath:routes/kafka/*.camel.yaml");
    } else if (settings.routes().isEmpty()) {
      patterns.add("classpath:routes/default/*.camel.yaml");
    }
    for (Path path : settings.routes()) {
      Path absolute = path.toAbsolutePath().normalize();
      patterns.add("file:" + (Files.isDirectory(absolute) ? absolute + "/*.yaml" : absolute));
    }
    return String.join(",", patterns);
  }

  /**
   * What the routes serve over HTTP, such as {@code POST /say}: custom routes may serve nothing.
   */
  private static String served(CamelContext context) {
    List<String> served = new ArrayList<>();
    for (Endpoint endpoint : context.getEndpoints()) {
      if (endpoint instanceof PlatformHttpEndpoint http) {
        String methods = http.getHttpMethodRestrict();
        served.add((methods == null ? "" : methods + " ") + http.getPath());
      }
    }
    return served.isEmpty() ? "no route serves HTTP" : String.join(", ", served);
  }

  private void printSummary(
      CamelContext context, String brokerUrl, boolean embedded, Map<String, String> joins) {
    // Written whole, in one go: who waits for its first line finds the rest there too.
    StringWriter text = new StringWriter();
    PrintWriter summary = new PrintWriter(text);
    summary.printf(
        "multicast bridge: group %s on %s (site %s)%n",
        settings.group(), settings.iface().getName(), settings.site());
    if (settings.kafka() != null) {
      summary.printf("  kafka    %s%n", settings.kafka().bootstrapServers());
    } else {
      summary.printf(
          "  broker   %s%s%n",
          brokerUrl,
          embedded
              ? (access.tls().isPresent() ? " (TLS)" : "")
                  + " (embedded, journal in "
                  + settings.brokerDir()
                  + ")"
              : " (external)");
    }
    summary.printf("  access   %s%n", access.describe());
    String scheme = access.tls().isPresent() ? "https" : "http";
    summary.printf(
        "  http     %s://%s:%d/ (%s)%n",
        scheme, settings.listenHost(), settings.httpPort(), served(context));
    summary.printf(
        "  observe  %s://%s:%d/observe/health and /observe/metrics%n",
        scheme, settings.listenHost(), settings.managementPort());
    summary.printf(
        "  monitor  %s://%s:%d/ (live page; multicast top in a terminal)%n",
        scheme, settings.listenHost(), settings.managementPort());
    joins.forEach(
        (membership, problem) ->
            summary.printf(
                problem == null ? "  joined   %s%n" : "  joining  %s: %s%n", membership, problem));
    for (Route route : context.getRoutes()) {
      if (!route.isCreatedByKamelet()) {
        summary.printf(
            "  route    %s: from %s%n", route.getRouteId(), route.getEndpoint().getEndpointUri());
      }
    }
    out.print(text);
    out.flush();
  }
}
