package dev.multicast.bridge.access;

import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.security.Role;

/**
 * The broker's security settings: which role may do what on which addresses. Artemis applies the
 * most specific match of an address, so dead letters and management name only {@code admin} (and
 * the bridge's own clients, for dead letters).
 */
final class BrokerRoles {
  /** The role of the bridge's in-memory clients: everything but management. */
  static final String BRIDGE = "multicast-bridge";

  /** Where the broker's management operations and notifications go. */
  private static final String MANAGEMENT = "activemq.#";

  private BrokerRoles() {}

  /** Address match to roles, for {@code Configuration.putSecurityRoles}. */
  static Map<String, Set<Role>> all() {
    Set<Role> privileged = Set.of(admin(), bridge());
    return Map.of(
        "#",
        Set.of(send(), receive(), admin(), bridge()),
        dev.multicast.bridge.EmbeddedBroker.DEAD_LETTER,
        privileged,
        dev.multicast.bridge.EmbeddedBroker.EXPIRED,
        privileged,
        MANAGEMENT,
        Set.of(admin()));
  }

  /** Sends; may create the address and queue a first message makes (auto-creation). */
  private static Role send() {
    Role role = new Role();
    role.setName(dev.multicast.bridge.access.Role.SEND.id());
    role.setSend(true);
    role.setCreateAddress(true);
    role.setCreateDurableQueue(true);
    return role;
  }

  /** Consumes and browses; may create its subscription queues, and delete the temporary ones. */
  private static Role receive() {
    Role role = new Role();
    role.setName(dev.multicast.bridge.access.Role.RECEIVE.id());
    role.setConsume(true);
    role.setBrowse(true);
    role.setCreateAddress(true);
    role.setCreateDurableQueue(true);
    role.setCreateNonDurableQueue(true);
    role.setDeleteNonDurableQueue(true);
    return role;
  }

  private static Role admin() {
    Role role = everything(dev.multicast.bridge.access.Role.ADMIN.id());
    role.setManage(true);
    role.setView(true);
    role.setEdit(true);
    return role;
  }

  private static Role bridge() {
    return everything(BRIDGE);
  }

  private static Role everything(String name) {
    Role role = new Role();
    role.setName(name);
    role.setSend(true);
    role.setConsume(true);
    role.setBrowse(true);
    role.setCreateAddress(true);
    role.setDeleteAddress(true);
    role.setCreateDurableQueue(true);
    role.setDeleteDurableQueue(true);
    role.setCreateNonDurableQueue(true);
    role.setDeleteNonDurableQueue(true);
    return role;
  }
}
