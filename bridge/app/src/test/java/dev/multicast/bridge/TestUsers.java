package dev.multicast.bridge;

import dev.multicast.bridge.access.BrokerSecurity;
import dev.multicast.bridge.access.PasswordHash;
import dev.multicast.bridge.access.Role;
import dev.multicast.bridge.access.User;
import dev.multicast.bridge.access.Users;
import dev.multicast.testing.Ports;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

/**
 * A users file with one user per role and a bridge user, and their passwords, made at test time.
 */
public final class TestUsers {
  public static final String SENDER = "sender";
  public static final String RECEIVER = "receiver";
  public static final String ADMIN = "admin";

  /** Sends and receives: what a bridge on another host needs of a shared broker. */
  public static final String BRIDGE = "bridge";

  /** Passwords chosen per run, so none is committed and none repeats across runs. */
  private static final Map<String, String> PASSWORDS =
      Map.of(
          SENDER, "s-" + java.util.UUID.randomUUID(),
          RECEIVER, "r-" + java.util.UUID.randomUUID(),
          ADMIN, "a-" + java.util.UUID.randomUUID(),
          BRIDGE, "b-" + java.util.UUID.randomUUID());

  private TestUsers() {}

  public static String password(String user) {
    return PASSWORDS.get(user);
  }

  /** Writes the three users to {@code path} (mode 0600) and returns it. */
  public static Path write(Path path) {
    Users.none()
        .with(user(SENDER, Role.SEND))
        .with(user(RECEIVER, Role.RECEIVE))
        .with(user(ADMIN, Role.ADMIN))
        .with(user(BRIDGE, Role.SEND, Role.RECEIVE))
        .write(path);
    return path;
  }

  /**
   * An embedded broker on loopback, on a free port, that lets in only these users; their users file
   * ({@code dir/users.txt}) and the broker's journal live below {@code dir}.
   */
  public static EmbeddedBroker broker(Path dir) throws Exception {
    Users users = Users.read(write(dir.resolve("users.txt")));
    return EmbeddedBroker.start(
        dir.resolve("broker"), "127.0.0.1", Ports.free(), BrokerSecurity.of(users));
  }

  private static User user(String name, Role role, Role... more) {
    return new User(name, PasswordHash.of(password(name).toCharArray()), EnumSet.of(role, more));
  }
}
