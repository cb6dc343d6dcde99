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
      description =
          "Multicast group address (default: MULTICAST_GROUP or 224.0.0.1). Also --mcast-group, --bind-group.")
  InetAddress group;

  @Option(
      names = "--port",
      paramLabel = "N",
      converter = Converters.Port.class,
      description = "UDP port, 1-65535 (default: MULTICAST_PORT or 59259).")
  Integer port;

  @Option(
      names = "--iface",
      paramLabel = "NAME|ADDRESS",
      description = "Interface to use, by name or address (default: the operating system's route).")
  String iface;

  @Option(
      names = "--ttl",
      paramLabel = "N",
      converter = Converters.Ttl.class,
      description = "Hops a datagram may travel, 0-255 (default: MULTICAST_TTL or 1).")
  Integer ttl;

  // The reference tool's older spellings, hidden so that messages name the option as typed.
  @Option(
      names = {"--mcast-group", "--bind-group"},
      hidden = true,
      paramLabel = "ADDR",
      converter = Converters.MulticastAddress.class)
  void legacyGroup(InetAddress address) {
    group = address;
  }

  Group group(Defaults defaults) {
    return new Group(
        group != null ? group : Group.multicastAddress(defaults.group()), port(defaults));
  }

  boolean hasGroup() {
    return group != null;
  }

  int port(Defaults defaults) {
    return port != null ? port : defaults.port();
  }

  int ttl(Defaults defaults) {
    return ttl != null ? ttl : defaults.ttl();
  }

  /** The interface named by {@code --iface}, or null for the operating system's route. */
  NetworkInterface iface() {
    return iface == null ? null : Interfaces.resolve(iface);
  }
}
