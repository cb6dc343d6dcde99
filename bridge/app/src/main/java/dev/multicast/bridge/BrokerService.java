package dev.multicast.bridge;

import java.io.PrintWriter;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Keeps the embedded broker running while the bridge runs, and stops it as part of Camel's
 * shutdown, after the routes have drained. A broker that stops under the bridge (a management
 * message, a fault) left it running deaf, its readiness down for good: it is started again, at most
 * {@link #MAX_RESTARTS} times, with one line each; after that, or when it cannot start, the bridge
 * stops and says why.
 */
final class BrokerService extends ServiceSupport implements CamelContextAware {
  /** How many times the broker is started again before the bridge gives up. */
  static final int MAX_RESTARTS = 3;

  /** How often the broker is looked at. */
  private static final long CHECK_MILLIS = 500;

  /** How the broker is started, here and again. */
  interface Starter {
    EmbeddedBroker start() throws Exception;
  }

  private final Starter starter;
  private final PrintWriter out;
  private final Consumer<String> giveUp;
  private volatile EmbeddedBroker broker;
  private CamelContext context;
  private ScheduledExecutorService watch;
  private int restarts;

  /**
   * @param giveUp stops the bridge, with the reason, once the broker is gone for good
   */
  BrokerService(EmbeddedBroker broker, Starter starter, PrintWriter out, Consumer<String> giveUp) {
    this.broker = broker;
    this.starter = starter;
    this.out = out;
    this.giveUp = giveUp;
  }

  @Override
  public void setCamelContext(CamelContext context) {
    this.context = context;
  }

  @Override
  public CamelContext getCamelContext() {
    return context;
  }

  /** The broker running now. */
  EmbeddedBroker broker() {
    return broker;
  }

  @Override
  protected void doStart() {
    watch =
        context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "broker-watch");
    watch.scheduleWithFixedDelay(this::check, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void check() {
    if (!isRunAllowed() || broker.isActive()) {
      return;
    }
    if (restarts == MAX_RESTARTS) {
      stopWatching("the embedded broker stopped again after " + MAX_RESTARTS + " restarts");
      return;
    }
    restarts++;
    try {
      broker.close();
      broker = starter.start();
      out.printf(
          "multicast bridge: the embedded broker stopped; started it again (%d of %d)%n",
          restarts, MAX_RESTARTS);
      out.flush();
    } catch (Exception e) {
      stopWatching("the embedded broker stopped and cannot start again: " + e.getMessage());
    }
  }

  /** The broker is gone for good: the bridge stops, and says why in its one error line. */
  private void stopWatching(String why) {
    watch.shutdown();
    giveUp.accept(why);
  }

  @Override
  protected void doStop() throws Exception {
    if (watch != null) {
      context.getExecutorServiceManager().shutdownNow(watch);
    }
    broker.close();
  }
}
