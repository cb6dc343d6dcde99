package dev.multicast.cli;

import dev.multicast.bridge.BridgeConfigException;
import dev.multicast.bridge.access.Access;
import dev.multicast.bridge.access.Tls;
import dev.multicast.bridge.access.Users;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --users}, {@code --allow-anonymous} and TLS: who may use what the bridge or broker serves,
 * and how.
 */
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

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "Serve the broker and HTTP ports over TLS with this PEM certificate (chain).")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "The PEM private key (PKCS#8) of --tls-cert, mode 0600.")
  Path tlsKey;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /**
   * The access for a server on {@code listen}; warns on {@code err} when anonymous clients may come
   * from other hosts.
   *
   * @throws BridgeConfigException (78) when {@code listen} is beyond loopback and neither {@code
   *     --users} nor {@code --allow-anonymous} is given
   */
  Access access(String listen, String command, PrintWriter err) {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new ParameterException(
          spec.commandLine(), "--tls-cert and --tls-key go together (expected both or neither)");
    }
    Optional<Tls> tls = Optional.ofNullable(tlsCert).map(cert -> new Tls(cert, tlsKey));
    // Checked now, so that a bad key stops the command before anything listens.
    tls.ifPresent(Tls::keyStore);
    Access access = new Access(Optional.ofNullable(users).map(Users::read), Optional.empty(), tls);
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
