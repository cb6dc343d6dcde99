package dev.multicast.bridge.monitor;

import dev.multicast.bridge.monitor.MonitorState.DeadLetterReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailedEvent;
import org.apache.camel.spi.CamelEvent.ExchangeFailureHandledEvent;
import org.apache.camel.spi.CamelEvent.ExchangeRedeliveryEvent;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.apache.camel.util.URISupport;

/**
 * Each route's latest failure, and the reasons of the latest dead letters, as Camel reports them.
 * Only failures are looked at: every other exchange event is ignored, so that Camel does not make
 * events for each datagram.
 */
final class Failures extends SimpleEventNotifierSupport {
  /** How many dead-letter reasons are kept. */
  static final int LATEST = 8;

  /** Reasons are cut here: a line to read, not a trace. */
  static final int MAX_CHARS = 240;

  /** At most this many routes' errors are kept; route ids come from the configuration. */
  private static final int MAX_ROUTES = 256;

  /** A route's latest failure. */
  record RouteError(String reason, long time) {}

  private final Map<String, RouteError> routes = new ConcurrentHashMap<>();

  // guarded by itself
  private final Deque<DeadLetterReason> deadLetters = new ArrayDeque<>();

  Failures() {
    // Camel's simple notifier starts out ignoring every event: hear exchange failures only.
    setIgnoreExchangeEvents(false);
    setIgnoreExchangeFailedEvents(false);
    setIgnoreExchangeRedeliveryEvents(false);
  }

  @Override
  public boolean isEnabled(CamelEvent event) {
    return event instanceof ExchangeFailedEvent
        || event instanceof ExchangeFailureHandledEvent
        || event instanceof ExchangeRedeliveryEvent;
  }

  @Override
  public void notify(CamelEvent event) {
    Exchange exchange = ((ExchangeEvent) event).getExchange();
    Throwable cause = exchange.getException();
    if (cause == null) {
      cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    }
    String route = ExchangeHelper.getAtRouteId(exchange);
    if (route == null) {
      route = exchange.getFromRouteId();
    }
    String reason = reason(cause);
    long now = System.currentTimeMillis();
    if (route != null && (routes.size() < MAX_ROUTES || routes.containsKey(route))) {
      routes.put(route, new RouteError(reason, now));
    }
    if (event instanceof ExchangeFailureHandledEvent handled && handled.isDeadLetterChannel()) {
      synchronized (deadLetters) {
        deadLetters.addFirst(new DeadLetterReason(now, String.valueOf(route), reason));
        while (deadLetters.size() > LATEST) {
          deadLetters.removeLast();
        }
      }
    }
  }

  RouteError lastError(String route) {
    return routes.get(route);
  }

  /** The latest dead letters' reasons, newest first. */
  List<DeadLetterReason> deadLetters() {
    synchronized (deadLetters) {
      return new ArrayList<>(deadLetters);
    }
  }

  /** A failure in one line of at most {@link #MAX_CHARS}, without credentials in URIs. */
  static String reason(Throwable cause) {
    return oneLine(
        cause == null
            ? "unknown"
            : cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
  }

  /** Text for the page and the terminal: one line, no control characters, not too long. */
  static String oneLine(String text) {
    String line = URISupport.sanitizeUri(text).replaceAll("\\p{Cntrl}+", " ").strip();
    return line.length() <= MAX_CHARS ? line : line.substring(0, MAX_CHARS - 1) + "…";
  }
}
