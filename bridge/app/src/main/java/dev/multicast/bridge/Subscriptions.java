package dev.multicast.bridge;

import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.jms.JmsConsumer;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

/**
 * Whether the routes' JMS consumers have subscribed. Their listener containers subscribe after the
 * routes start, and a topic drops what is published before its subscriber is there: a bridge that
 * says it started before that would miss the first messages sent to it.
 */
final class Subscriptions {
  private static final Duration POLL = Duration.ofMillis(10);

  private Subscriptions() {}

  /**
   * Waits until every JMS consumer of the routes holds its subscription, or {@code wait} has passed
   * (the broker may be away: it then subscribes once the broker is back).
   *
   * @return whether all are subscribed
   */
  static boolean await(CamelContext context, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!allSubscribed(context)) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      Thread.sleep(POLL.toMillis());
    }
    return true;
  }

  private static boolean allSubscribed(CamelContext context) {
    for (Route route : context.getRoutes()) {
      if (route.getConsumer() instanceof JmsConsumer jms && !subscribed(jms)) {
        return false;
      }
    }
    return true;
  }

  private static boolean subscribed(JmsConsumer jms) {
    try {
      // The consumers are cached (CACHE_CONSUMER), so each keeps one fixed registration.
      return !(jms.getListenerContainer() instanceof DefaultMessageListenerContainer container)
          || container.isRegisteredWithDestination();
    } catch (Exception e) {
      return false; // its container could not be made: not subscribed
    }
  }
}
