package dev.multicast.cli;

import dev.multicast.core.Group;
import dev.multicast.core.Interfaces;
import java.net.InetAddress;
import java.net.NetworkInterface;
import picocli.CommandLine.Option;

/** The group, port, interface and TTL a command uses: the options every command shares. */
final class GroupOptions {
  @Option(
      names = "--group",
      paramLabel = "ADDR",
      converter = Converters.MulticastAddress.class,
      descriptionKey = Defaults.GROUP_OPTION,
      description =
          "Multicast group address (default: ${DEFAULT-VALUE}, from MULTICAST_GROUP when set)."
              + " Also --mcast-group, --bind-group.")
  InetAddress group;

  @Option(
      names = "--port",
      paramLabel = "N",
      converter = Converters.Port.class,
      descriptionKey = Defaults.PORT_OPTION,
      description = "UDP port (default: ${DEFAULT-VALUE}, from MULTICAST_PORT when set).")
  int port;

  @Option(
      names = "--iface",
      paramLabel = "NAME|ADDRESS",
      description = "Interface to use, by name or address (default: the operating system's route).")
  String iface;

  @Option(
      names = "--ttl",
      paramLabel = "N",
      converter = Converters.Ttl.class,
      descriptionKey = Defaults.TTL_OPTION,
      description =
          "Hops a datagram may travel (default: ${DEFAULT-VALUE}, from MULTICAST_TTL when set).")
  int ttl;

  /**
   * The reference tool's older spellings, hidden so that messages name the option as typed. Kept
   * apart from {@link #group}: picocli sets an option that was not given to its default after
   * parsing, which would overwrite them.
   */
  @Option(
      names = {"--mcast-group", "--bind-group"},
      hidden = true,
      paramLabel = "ADDR",
      converter = Converters.MulticastAddress.class)
  InetAddress legacyGroup;

  /** The group on the port; a group given in the reference's spelling wins. */
  Group group() {
    return new Group(legacyGroup != null ? legacyGroup : group, port);
  }

  /** The interface named by {@code --iface}, or null for the operating system's route. */
  NetworkInterface iface() {
    return iface == null ? null : Interfaces.resolve(iface);
  }
}
