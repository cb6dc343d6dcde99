package dev.multicast.cli;

import dev.multicast.bridge.BridgeConfigException;
import dev.multicast.bridge.access.Access;
import dev.multicast.bridge.access.Users;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --users} and {@code --allow-anonymous}: who may use what the bridge or broker serves. */
final class AccessOptions {
  @Option(
      names = "--users",
      paramLabel = "FILE",
      description =
          "Only these users connect, with their roles (mode 0600; write it with 'multicast"
              + " passwd'). Needed to listen beyond loopback.")
  Path users;

  @Option(
      names = "--allow-anonymous",
      description =
          "Listen beyond loopback without --users, knowingly: anyone who reaches the ports may"
              + " send and receive (never manage).")
  boolean allowAnonymous;

  /**
   * The access for a server on {@code listen}; warns on {@code err} when anonymous clients may come
   * from other hosts.
   *
   * @throws BridgeConfigException (78) when {@code listen} is beyond loopback and neither {@code
   *     --users} nor {@code --allow-anonymous} is given
   */
  Access access(String listen, String command, PrintWriter err) {
    Access access = new Access(Optional.ofNullable(users).map(Users::read), Optional.empty());
    if (access.exposes(listen)) {
      if (!allowAnonymous) {
        throw new BridgeConfigException(
            "--listen "
                + listen
                + " lets other hosts in, and without --users anyone of them may send and receive"
                + " (expected --users FILE, or --allow-anonymous to allow that knowingly)",
            null);
      }
      err.println(
          command
              + ": warning: --allow-anonymous: anyone who reaches "
              + listen
              + " may send and receive without a password");
    }
    return access;
  }
}
