package dev.multicast.bridge.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a user of the bridge's broker and HTTP server may do; a users file names them in lowercase.
 */
public enum Role {
  /**
   * Put messages on the broker's addresses (multicast.out and the like), and POST to HTTP routes.
   */
  SEND,
  /** Consume and browse the broker's addresses (multicast.in and the like). */
  RECEIVE,
  /**
   * Everything: broker management, dead letters, and the management port beyond health and metrics.
   */
  ADMIN;

  /** The name in a users file and in the broker's security settings. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The role of this name.
   *
   * @throws IllegalArgumentException naming the value and the roles there are
   */
  public static Role of(String id) {
    for (Role role : values()) {
      if (role.id().equals(id.trim())) {
        return role;
      }
    }
    throw new IllegalArgumentException("'" + id + "' is not a role (expected " + names() + ")");
  }

  /** The roles' names, for messages and help: "send, receive or admin". */
  public static String names() {
    String all = Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "));
    return all.substring(0, all.lastIndexOf(',')) + " or" + all.substring(all.lastIndexOf(',') + 1);
  }
}
