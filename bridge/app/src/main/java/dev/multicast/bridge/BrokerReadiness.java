package dev.multicast.bridge;

import dev.multicast.bridge.access.BrokerLogin;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.springframework.core.NestedExceptionUtils;

/**
 * Readiness of the broker the routes deliver to: ready while a connection to it opens. The routes'
 * own connection retries for ever, so it cannot say whether the broker is there; this check makes
 * one attempt of its own each time it is asked, with a short timeout.
 */
final class BrokerReadiness extends AbstractHealthCheck {
  private static final String ONE_ATTEMPT =
      "initialConnectAttempts=1&reconnectAttempts=0&callTimeout=2000&connectTimeoutMillis=2000";

  private final String shown;
  private final ActiveMQConnectionFactory factory;
  private final String who;

  /**
   * @param url the routes' broker URL
   * @param shown the broker as the start-up summary names it
   * @param login how the routes log in to it
   */
  BrokerReadiness(String url, String shown, Optional<BrokerLogin> login) {
    super("multicast", "broker");
    this.shown = shown;
    this.factory =
        new ActiveMQConnectionFactory(url + (url.contains("?") ? "&" : "?") + ONE_ATTEMPT);
    login.ifPresent(given -> given.applyTo(factory));
    this.who = login.map(given -> "user " + given.user()).orElse("an anonymous client");
  }

  @Override
  public boolean isLiveness() {
    // A bridge without its broker still holds and dead-letters: alive, but not ready.
    return false;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    builder.detail("broker", shown);
    try (Connection connection = factory.createConnection()) {
      builder.up();
    } catch (JMSSecurityException e) {
      // The routes' own connection keeps retrying with the same login: say why it cannot work.
      builder
          .down()
          .message(
              "broker "
                  + shown
                  + " refused "
                  + who
                  + ": "
                  + NestedExceptionUtils.getMostSpecificCause(e).getMessage());
    } catch (JMSException | RuntimeException e) {
      // Artemis says why in the innermost exception.
      Throwable cause = NestedExceptionUtils.getMostSpecificCause(e);
      builder.down().message("broker " + shown + " is unreachable: " + cause.getMessage());
    }
  }
}
