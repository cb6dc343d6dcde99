package dev.multicast.cli;

import dev.multicast.core.Group;
import dev.multicast.core.Interfaces;
import dev.multicast.core.MulticastOptions;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where a command sends or listens: the options SAY, RECV and HEAR share. */
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
      names = "--groups",
      paramLabel = "ADDR",
      arity = "1..*",
      converter = Converters.MulticastAddress.class,
      description =
          "Several groups: SAY sends to each, RECV receives each, HEAR relays each to --group. Also --join-mcast-groups.")
  List<InetAddress> groups = new ArrayList<>();

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

  @Option(
      names = "--loop",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Deliver this host's datagrams to its own receivers (default: on).")
  boolean loop;

  // The reference tool's older spellings, hidden so that messages name the option as typed.
  @Option(
      names = {"--mcast-group", "--bind-group"},
      hidden = true,
      paramLabel = "ADDR",
      converter = Converters.MulticastAddress.class)
  void legacyGroup(InetAddress address) {
    group = address;
  }

  @Option(
      names = "--join-mcast-groups",
      hidden = true,
      paramLabel = "ADDR",
      arity = "1..*",
      converter = Converters.MulticastAddress.class)
  void legacyGroups(List<InetAddress> addresses) {
    legacyGroups.addAll(addresses);
  }

  // Kept apart: picocli replaces the --groups list when that option follows.
  private final List<InetAddress> legacyGroups = new ArrayList<>();

  Group group(Defaults defaults) {
    return new Group(
        group != null ? group : Group.multicastAddress(defaults.group()), port(defaults));
  }

  /**
   * What SAY sends to and RECV receives: {@code --groups} when given (with {@code --group} too when
   * that is given), else the group.
   */
  List<Group> selected(Defaults defaults) {
    List<Group> selected = groups(defaults);
    if (selected.isEmpty() || group != null) {
      selected.add(0, group(defaults));
    }
    return selected.stream().distinct().toList();
  }

  /** The {@code --groups}, on the command's port. */
  List<Group> groups(Defaults defaults) {
    List<Group> joined = new ArrayList<>();
    List<InetAddress> all = new ArrayList<>(groups);
    all.addAll(legacyGroups);
    for (InetAddress address : all) {
      joined.add(new Group(address, port(defaults)));
    }
    return joined;
  }

  int port(Defaults defaults) {
    return port != null ? port : defaults.port();
  }

  MulticastOptions options(Defaults defaults) {
    return MulticastOptions.defaults()
        .iface(iface == null ? null : Interfaces.resolve(iface))
        .ttl(ttl != null ? ttl : defaults.ttl())
        .loop(loop);
  }
}
