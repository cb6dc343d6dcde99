package dev.multicast.cli;

import dev.multicast.core.Group;
import dev.multicast.core.MulticastOptions;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** Where SAY, RECV and HEAR send or listen: the shared options, several groups, and loopback. */
final class MembershipOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Mixin GroupOptions base;

  @Option(
      names = "--groups",
      paramLabel = "ADDR",
      arity = "1..*",
      converter = Converters.MulticastAddress.class,
      description =
          "Several groups: SAY sends to each, RECV receives each, HEAR relays each to --group. Also --join-mcast-groups.")
  List<InetAddress> groups = new ArrayList<>();

  @Option(
      names = "--loop",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Deliver this host's datagrams to its own receivers (default: on).")
  boolean loop;

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

  Group group() {
    return base.group();
  }

  /**
   * What SAY sends to and RECV receives: {@code --groups} when given (with {@code --group} too when
   * that is given), else the group.
   */
  List<Group> selected() {
    List<Group> selected = groups();
    if (selected.isEmpty() || groupGiven()) {
      selected.add(0, group());
    }
    return selected.stream().distinct().toList();
  }

  /** Whether the group was given, under any spelling, rather than taken from the defaults. */
  private boolean groupGiven() {
    ParseResult parsed = mixee.commandLine().getParseResult();
    return Stream.of("--group", "--mcast-group", "--bind-group").anyMatch(parsed::hasMatchedOption);
  }

  /** The {@code --groups}, on the command's port. */
  List<Group> groups() {
    List<Group> joined = new ArrayList<>();
    List<InetAddress> all = new ArrayList<>(groups);
    all.addAll(legacyGroups);
    for (InetAddress address : all) {
      joined.add(new Group(address, base.port));
    }
    return joined;
  }

  MulticastOptions options() {
    return MulticastOptions.defaults().iface(base.iface()).ttl(base.ttl).loop(loop);
  }
}
