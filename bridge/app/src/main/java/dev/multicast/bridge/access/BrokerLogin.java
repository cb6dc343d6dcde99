package dev.multicast.bridge.access;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Who a client of the broker logs in as. The password never goes into a URL, where logs and {@code
 * ps} would show it; {@link #toString()} leaves it out.
 *
 * @param user the user name
 * @param password the password
 */
public record BrokerLogin(String user, String password) {
  /** Makes {@code factory} log in as this user. */
  public ActiveMQConnectionFactory applyTo(ActiveMQConnectionFactory factory) {
    factory.setUser(user);
    factory.setPassword(password);
    return factory;
  }

  @Override
  public String toString() {
    return "BrokerLogin[user=" + user + "]";
  }
}
