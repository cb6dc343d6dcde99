package dev.multicast.bridge.access;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Who may use what a bridge or broker listens on, and who the bridge is to an external broker.
 *
 * @param users the users file's users; empty lets anyone send and receive (never manage)
 * @param brokerLogin how the bridge logs in to the broker of {@code --broker-url}; empty: anonymous
 * @param tls the key the broker acceptor and the HTTP servers serve TLS with; empty: plain TCP
 */
public record Access(Optional<Users> users, Optional<BrokerLogin> brokerLogin, Optional<Tls> tls) {
  /** Anyone may send and receive, nobody manages: what loopback without a users file gets. */
  public static final Access ANONYMOUS =
      new Access(Optional.empty(), Optional.empty(), Optional.empty());

  /** Only these users, over plain TCP. */
  public static Access of(Users users) {
    return new Access(Optional.of(users), Optional.empty(), Optional.empty());
  }

  /** This access, logging in to an external broker as {@code login}. */
  public Access withBrokerLogin(Optional<BrokerLogin> login) {
    return new Access(users, login, tls);
  }

  /** This access, serving TLS with {@code tls}. */
  public Access withTls(Optional<Tls> tls) {
    return new Access(users, brokerLogin, tls);
  }

  /** The broker's side of it. */
  public BrokerSecurity brokerSecurity() {
    return users.map(BrokerSecurity::of).orElseGet(BrokerSecurity::anonymous);
  }

  /**
   * Whether listening on {@code host} without users needs {@code --allow-anonymous}: every address
   * but loopback lets other hosts in.
   */
  public boolean exposes(String host) {
    return users.isEmpty() && !literal(host).isLoopbackAddress();
  }

  /** One line for the start-up summary. */
  public String describe() {
    return users
        .map(found -> found.all().size() + " users (send, receive, admin by role)")
        .orElse("anonymous clients may send and receive; nobody manages");
  }

  private static InetAddress literal(String host) {
    try {
      // An address literal, as --listen takes: no lookup happens.
      return InetAddress.getByName(host);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("'" + host + "' is not an address", e);
    }
  }
}
