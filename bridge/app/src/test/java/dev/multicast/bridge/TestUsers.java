package dev.multicast.bridge;

import dev.multicast.bridge.access.PasswordHash;
import dev.multicast.bridge.access.Role;
import dev.multicast.bridge.access.User;
import dev.multicast.bridge.access.Users;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

/** A users file with one user per role, and their passwords, made at test time. */
final class TestUsers {
  static final String SENDER = "sender";
  static final String RECEIVER = "receiver";
  static final String ADMIN = "admin";

  /** Passwords chosen per run, so none is committed and none repeats across runs. */
  private static final Map<String, String> PASSWORDS =
      Map.of(
          SENDER, "s-" + java.util.UUID.randomUUID(),
          RECEIVER, "r-" + java.util.UUID.randomUUID(),
          ADMIN, "a-" + java.util.UUID.randomUUID());

  private TestUsers() {}

  static String password(String user) {
    return PASSWORDS.get(user);
  }

  /** Writes the three users to {@code path} (mode 0600) and returns it. */
  static Path write(Path path) {
    Users.none()
        .with(user(SENDER, Role.SEND))
        .with(user(RECEIVER, Role.RECEIVE))
        .with(user(ADMIN, Role.ADMIN))
        .write(path);
    return path;
  }

  private static User user(String name, Role role) {
    return new User(name, PasswordHash.of(password(name).toCharArray()), EnumSet.of(role));
  }
}
