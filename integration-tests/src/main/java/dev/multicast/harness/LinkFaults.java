package dev.multicast.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * Faults on a node's link, made from the Docker host with nftables rules in the node's network
 * namespace ({@code nsenter -t PID -n nft}): nothing runs inside the image, so they work on a
 * {@code FROM scratch} node and on any other image alike. Every fault is a {@link Fault}:
 * reversible, and counting the packets its rule matched.
 *
 * <p>What each needs of the kernel (netem is not used: many kernels, this project's CI included,
 * have no {@code sch_netem}):
 *
 * <ul>
 *   <li>loss and partitions: {@code nf_tables} with {@code numgen} (random loss) and counters;
 *   <li>duplication: {@code nft_dup_ipv4} ({@code dup to}).
 * </ul>
 *
 * <p>The host needs {@code nsenter} (util-linux) and {@code nft} (nftables), root, and the Docker
 * engine on the same machine (its containers' processes visible in {@code /proc}). Where a fault
 * cannot be made, the test that asked for it is aborted (skipped) with the reason.
 *
 * <p>Rules match IPv4 packets on every interface but {@code lo}; a {@code match} argument narrows
 * them with more nftables expressions, e.g. {@code "udp dport 4250"}.
 */
public final class LinkFaults {
  /** The nftables table the faults live in, one per node. */
  static final String TABLE = "multicast_faults";

  /** Random decisions are made out of a million, so a percentage has four decimals. */
  private static final int RANDOM_RANGE = 1_000_000;

  private static final AtomicInteger CHAINS = new AtomicInteger();
  private static final Pattern PACKETS = Pattern.compile("counter packets (\\d+)");
  private static final long NFT_TIMEOUT_SECONDS = 20;

  private final MulticastNode node;

  LinkFaults(MulticastNode node) {
    this.node = node;
  }

  /** Drops this percentage of the packets the node receives, at random. */
  public Fault dropInbound(double percent) {
    return dropInbound(percent, "");
  }

  /** Drops this percentage of the received packets that also match these nftables expressions. */
  public Fault dropInbound(double percent, String match) {
    return add(
        "drop " + percent + "% inbound on " + node.name(),
        Hook.INPUT,
        match + " " + random(percent) + " counter drop");
  }

  /** Drops this percentage of the packets the node sends, at random. */
  public Fault dropOutbound(double percent) {
    return dropOutbound(percent, "");
  }

  /** Drops this percentage of the sent packets that also match these nftables expressions. */
  public Fault dropOutbound(double percent, String match) {
    return add(
        "drop " + percent + "% outbound on " + node.name(),
        Hook.OUTPUT,
        match + " " + random(percent) + " counter drop");
  }

  /**
   * Sends a second copy of this percentage of the packets the node sends on {@code eth0}, at
   * random: the copy goes straight to the same destination, so a multicast datagram arrives twice
   * at every member. Needs {@code nft_dup_ipv4}.
   */
  public Fault duplicateOutbound(double percent) {
    return duplicateOutbound(percent, "");
  }

  /** Duplicates this percentage of the sent packets that also match these expressions. */
  public Fault duplicateOutbound(double percent, String match) {
    return add(
        "duplicate " + percent + "% outbound on " + node.name(),
        Hook.OUTPUT,
        "oifname \"eth0\" "
            + match
            + " "
            + random(percent)
            + " counter dup to ip daddr device \"eth0\"");
  }

  /**
   * Cuts this node and {@code other} apart: each drops what comes from the other's addresses and
   * what goes to them, unicast and multicast alike, until {@link Fault#heal healed}. Both stay on
   * their networks and reach every other node.
   */
  public Fault partitionFrom(MulticastNode other) {
    List<Fault.Rule> rules = new ArrayList<>();
    rules.addAll(cutOff(this, other));
    rules.addAll(cutOff(other.faults(), node));
    return new Fault("partition between " + node.name() + " and " + other.name(), rules);
  }

  private static List<Fault.Rule> cutOff(LinkFaults faults, MulticastNode from) {
    String addresses = "{ " + String.join(", ", addresses(from)) + " }";
    return List.of(
        faults.rule(Hook.INPUT, "ip saddr " + addresses + " counter drop"),
        faults.rule(Hook.OUTPUT, "ip daddr " + addresses + " counter drop"));
  }

  private static List<String> addresses(MulticastNode node) {
    return node.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
        .map(network -> network.getIpAddress())
        .toList();
  }

  private Fault add(String description, Hook hook, String statement) {
    return new Fault(description, List.of(rule(hook, statement)));
  }

  private static String random(double percent) {
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException(
          "a fault's percentage must be above 0 and at most 100, not " + percent);
    }
    long below = Math.round(percent * RANDOM_RANGE / 100);
    return "numgen random mod " + RANDOM_RANGE + " < " + below;
  }

  /** One rule in its own base chain, so that healing deletes exactly it. */
  private Fault.Rule rule(Hook hook, String statement) {
    String chain = "fault" + CHAINS.incrementAndGet();
    String device = hook == Hook.INPUT ? "iifname" : "oifname";
    nft(
        "add table ip "
            + TABLE
            + "\nadd chain ip "
            + TABLE
            + " "
            + chain
            + " { type filter hook "
            + hook.name().toLowerCase(Locale.ROOT)
            + " priority -10; }\nadd rule ip "
            + TABLE
            + " "
            + chain
            + " "
            + device
            + " != \"lo\" "
            + statement.strip()
            + "\n");
    return new Fault.Rule(this, chain);
  }

  /** Packets counted by the rules of one chain. */
  long packets(String chain) {
    Matcher counter = PACKETS.matcher(nft("list chain ip " + TABLE + " " + chain + "\n"));
    long packets = 0;
    while (counter.find()) {
      packets += Long.parseLong(counter.group(1));
    }
    return packets;
  }

  /** Deletes one chain and its rule; nothing to do once the node has stopped or restarted. */
  void delete(String chain) {
    if (node.isRunning()) {
      nft("delete chain ip " + TABLE + " " + chain + "\n");
    }
  }

  /** Runs an nftables script in the node's network namespace, from the host. */
  private String nft(String script) {
    // Read fresh: a restarted node has a new process and network namespace.
    long pid =
        node.getDockerClient()
            .inspectContainerCmd(node.getContainerId())
            .exec()
            .getState()
            .getPidLong();
    if (!Files.exists(Path.of("/proc/" + pid + "/ns/net"))) {
      Assumptions.abort(
          "link faults need the Docker engine on this machine, as root: no process "
              + pid
              + " of "
              + node.name()
              + " in /proc");
    }
    List<String> command = List.of("nsenter", "-t", Long.toString(pid), "-n", "nft", "-f", "-");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().close();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!process.waitFor(NFT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("nft did not end within " + NFT_TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        Assumptions.abort(
            "the kernel or the host cannot make this fault on "
                + node.name()
                + " (nft said: "
                + output.strip()
                + "); see LinkFaults for what each fault needs");
      }
      return output;
    } catch (IOException e) {
      Assumptions.abort(
          "link faults need nsenter (util-linux) and nft (nftables) on the Docker host: " + e);
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Where a rule sits: packets delivered to the node, or sent by it. */
  private enum Hook {
    INPUT,
    OUTPUT
  }
}
