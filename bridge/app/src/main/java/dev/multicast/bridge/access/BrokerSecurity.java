package dev.multicast.bridge.access;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.remoting.impl.invm.InVMConnection;
import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager5;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;
import org.apache.activemq.artemis.utils.SecurityManagerUtil;

/**
 * Who may connect to the embedded broker and what they may do there, on every protocol of its
 * acceptor (Artemis asks this for CORE, AMQP, STOMP and MQTT alike).
 *
 * <ul>
 *   <li>The bridge's own routes, connected in memory (in-VM), may send and consume everywhere.
 *   <li>Without a users file, a client that gives no user (or any) may send and receive, as before
 *       security was on; it never manages: {@link BrokerRoles} gives management to {@code admin}
 *       only, and nobody holds that role then.
 *   <li>With a users file, only its users connect, each with the roles the file gives.
 * </ul>
 */
public final class BrokerSecurity implements ActiveMQSecurityManager5 {
  private static final Set<Role> ANONYMOUS_ROLES = EnumSet.of(Role.SEND, Role.RECEIVE);

  private final Optional<Users> users;

  private BrokerSecurity(Optional<Users> users) {
    this.users = users;
  }

  /** Anyone connects, and may send and receive but not manage. */
  public static BrokerSecurity anonymous() {
    return new BrokerSecurity(Optional.empty());
  }

  /** Only these users connect, with their roles. */
  public static BrokerSecurity of(Users users) {
    return new BrokerSecurity(Optional.of(users));
  }

  /** Turns security on in a broker configuration, with the roles of {@link BrokerRoles}. */
  public void configure(Configuration config) {
    config.setSecurityEnabled(true);
    // Artemis lets its cluster user in with every right; its default password is published.
    config.setClusterUser("cluster-" + PasswordHash.randomToken());
    config.setClusterPassword(PasswordHash.randomToken());
    BrokerRoles.all().forEach(config::putSecurityRoles);
  }

  @Override
  public Subject authenticate(
      String user, String password, RemotingConnection connection, String securityDomain) {
    if (connection != null && connection.getTransportConnection() instanceof InVMConnection) {
      return subject(BrokerRoles.BRIDGE, Set.of(BrokerRoles.BRIDGE));
    }
    if (users.isEmpty()) {
      return subject(user == null ? "anonymous" : user, ids(ANONYMOUS_ROLES));
    }
    if (user == null || password == null) {
      return null;
    }
    return users
        .get()
        .authenticate(user, password)
        .map(found -> subject(found.name(), ids(found.roles())))
        .orElse(null);
  }

  @Override
  public boolean authorize(
      Subject subject,
      Set<org.apache.activemq.artemis.core.security.Role> roles,
      CheckType type,
      String address) {
    return SecurityManagerUtil.authorize(subject, roles, type, RolePrincipal.class);
  }

  @Override
  public String getUserFromSubject(Subject subject) {
    return SecurityManagerUtil.getUserFromSubject(subject, UserPrincipal.class);
  }

  @Override
  public boolean validateUser(String user, String password) {
    return authenticate(user, password, null, null) != null;
  }

  @Override
  public boolean validateUserAndRole(
      String user,
      String password,
      Set<org.apache.activemq.artemis.core.security.Role> roles,
      CheckType type) {
    Subject subject = authenticate(user, password, null, null);
    return subject != null && authorize(subject, roles, type, null);
  }

  private static Set<String> ids(Set<Role> roles) {
    return roles.stream().map(Role::id).collect(Collectors.toSet());
  }

  private static Subject subject(String user, Set<String> roles) {
    Subject subject = new Subject();
    subject.getPrincipals().add(new UserPrincipal(user));
    roles.forEach(role -> subject.getPrincipals().add(new RolePrincipal(role)));
    return subject;
  }
}
