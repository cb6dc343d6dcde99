package dev.multicast.bridge.access;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * One line of a users file.
 *
 * @param name letters, digits, '.', '_' or '-', up to 64
 * @param hash the password's salted hash, never the password
 * @param roles what the user may do; at least one
 */
public record User(String name, PasswordHash hash, Set<Role> roles) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public User {
    checkName(name);
    if (roles.isEmpty()) {
      throw new IllegalArgumentException(
          "user " + name + " has no role (expected one or more of " + Role.names() + ")");
    }
    roles = Set.copyOf(roles);
  }

  /**
   * @throws IllegalArgumentException when {@code name} cannot be a user's name
   */
  public static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a user name (expected 1 to 64 letters, digits, '.', '_' or '-')");
    }
  }

  /** Whether this user holds {@code role}; {@code admin} holds every role. */
  public boolean may(Role role) {
    return roles.contains(role) || roles.contains(Role.ADMIN);
  }
}
