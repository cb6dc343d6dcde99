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
import java.util.stream.Stream;
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
 *   <li>inbound loss: {@code nf_tables} with {@code numgen} (random numbers) and counters, on the
 *       {@code input} hook;
 *   <li>outbound loss and partitions: the same on the {@code netdev} family's {@code egress} hook
 *       (Linux 5.16, nftables 1.0.1), so that the sender is not told: a drop on the {@code output}
 *       hook fails the send with EPERM, which no real network does;
 *   <li>duplication: {@code nft_dup_ipv4} ({@code dup to}) on the {@code output} hook.
 * </ul>
 *
 * <p>The host needs {@code nsenter} (util-linux) and {@code nft} (nftables), root, and the Docker
 * engine on the same machine (its containers' processes visible in {@code /proc}). Where a fault
 * cannot be made, the test that asked for it is aborted (skipped) with the reason, or fails under
 * {@code CI=true}.
 *
 * <p>Rules match IPv4 packets on every interface but {@code lo} ({@code eth0}, {@code eth1}... one
 * for each network the node joined); a {@code match} argument narrows them with more nftables
 * expressions, e.g. {@code "udp dport 4250"}.
 */
public final class LinkFaults {
  /** The nftables table the faults live in, one per node. */
  static final String TABLE = "multicast_faults";

  /** Random decisions are made out of a million, so a percentage has four decimals. */
  private static final int RANDOM_RANGE = 1_000_000;

  /** The packet mark of duplicated packets and their copies. */
  private static final String COPY_MARK = "0x4d4d";

  private static final AtomicInteger CHAINS = new AtomicInteger();
  private static final Pattern PACKETS = Pattern.compile("counter packets (\\d+)");
  private static final long NFT_TIMEOUT_SECONDS = 20;

  /** What nft says when the kernel lacks an expression, a hook or a family. */
  private static final Pattern MISSING_FEATURE =
      Pattern.compile("Operation not supported|No such file or directory|Protocol not supported");

  private final MulticastNode node;

  LinkFaults(MulticastNode node) {
    this.node = node;
  }

  /**
   * Drops this percentage of the packets the node receives, at random.
   *
   * @param percent 0 to 100
   * @return the fault, to heal
   */
  public Fault dropInbound(double percent) {
    return dropInbound(percent, "");
  }

  /**
   * Drops this percentage of the received packets that also match these nftables expressions.
   *
   * @param percent 0 to 100
   * @param match nftables expressions, such as {@code udp dport 59259}; empty for every packet
   * @return the fault, to heal
   */
  public Fault dropInbound(double percent, String match) {
    return add(
        "drop " + percent + "% inbound on " + node.name(),
        Hook.INPUT,
        match + " " + random(percent) + " counter drop");
  }

  /**
   * Drops this percentage of the packets the node sends, at random.
   *
   * @param percent 0 to 100
   * @return the fault, to heal
   */
  public Fault dropOutbound(double percent) {
    return dropOutbound(percent, "");
  }

  /**
   * Drops this percentage of the sent packets that also match these nftables expressions.
   *
   * @param percent 0 to 100
   * @param match nftables expressions, such as {@code udp dport 59259}; empty for every packet
   * @return the fault, to heal
   */
  public Fault dropOutbound(double percent, String match) {
    return add(
        "drop " + percent + "% outbound on " + node.name(),
        Hook.EGRESS,
        match + " " + random(percent) + " counter drop");
  }

  /**
   * Sends a second copy of this percentage of the packets the node sends on {@code eth0}, at
   * random: the copy goes straight to the same destination, so a multicast datagram arrives twice
   * at every member. Needs {@code nft_dup_ipv4}. Both copies carry the packet mark {@code 0x4d4d}.
   *
   * @param percent 0 to 100
   * @return the fault, to heal
   */
  public Fault duplicateOutbound(double percent) {
    return duplicateOutbound(percent, "");
  }

  /**
   * Duplicates this percentage of the sent packets that also match these expressions.
   *
   * @param percent 0 to 100
   * @param match nftables expressions, such as {@code udp dport 59259}; empty for every packet
   * @return the fault, to heal
   */
  public Fault duplicateOutbound(double percent, String match) {
    return add(
        "duplicate " + percent + "% outbound on " + node.name(),
        Hook.OUTPUT,
        // The copy passes this hook again: its mark keeps it from being counted or copied.
        "oifname \"eth0\" meta mark != "
            + COPY_MARK
            + " "
            + match
            + " "
            + random(percent)
            + " counter meta mark set "
            + COPY_MARK
            + " dup to ip daddr device \"eth0\"");
  }

  /**
   * Cuts this node and {@code other} apart: each drops what comes from the other's addresses and
   * what goes to them, unicast and multicast alike, until {@link Fault#heal healed}. Both stay on
   * their networks and reach every other node.
   *
   * @param other a node on a network this one shares
   * @return the fault, to heal
   */
  public Fault partitionFrom(MulticastNode other) {
    List<Fault.Rule> rules = new ArrayList<>();
    rules.addAll(cutOff(this, other));
    rules.addAll(cutOff(other.faults(), node));
    return new Fault("partition between " + node.name() + " and " + other.name(), rules);
  }

  private static List<Fault.Rule> cutOff(LinkFaults faults, MulticastNode from) {
    String addresses = "{ " + String.join(", ", addresses(from)) + " }";
    return Stream.of(
            faults.rules(Hook.INPUT, "ip saddr " + addresses + " counter drop"),
            faults.rules(Hook.EGRESS, "ip daddr " + addresses + " counter drop"))
        .flatMap(List::stream)
        .toList();
  }

  private static List<String> addresses(MulticastNode node) {
    return node.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
        .map(network -> network.getIpAddress())
        .toList();
  }

  private Fault add(String description, Hook hook, String statement) {
    return new Fault(description, rules(hook, statement));
  }

  /** A random choice of this percentage of packets; nothing at 100%. */
  private static String random(double percent) {
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException(
          "a fault's percentage must be above 0 and at most 100, not " + percent);
    }
    long below = Math.round(percent * RANDOM_RANGE / 100);
    return below >= RANDOM_RANGE ? "" : "numgen random mod " + RANDOM_RANGE + " < " + below;
  }

  /**
   * The rule, each in its own base chain so that healing deletes exactly it: one chain, or on the
   * egress hook one per interface.
   */
  private List<Fault.Rule> rules(Hook hook, String statement) {
    if (hook != Hook.EGRESS) {
      String device = hook == Hook.INPUT ? "iifname" : "oifname";
      String hookName = hook.name().toLowerCase(Locale.ROOT);
      return List.of(rule("ip", "hook " + hookName, device + " != \"lo\" " + statement.strip()));
    }
    List<Fault.Rule> rules = new ArrayList<>();
    for (int i = 0; i < interfaces(); i++) {
      rules.add(
          rule(
              "netdev",
              "hook egress device \"eth" + i + "\"",
              "meta protocol ip " + statement.strip()));
    }
    return rules;
  }

  private int interfaces() {
    return node.getContainerInfo().getNetworkSettings().getNetworks().size();
  }

  private Fault.Rule rule(String family, String hook, String statement) {
    String chain = "fault" + CHAINS.incrementAndGet();
    String table = family + " " + TABLE;
    nft(
        String.join(
            "\n",
            "add table " + table,
            "add chain " + table + " " + chain + " { type filter " + hook + " priority -10; }",
            "add rule " + table + " " + chain + " " + statement,
            ""));
    return new Fault.Rule(this, table, chain);
  }

  /** Packets counted by the rules of one chain. */
  long packets(String table, String chain) {
    Matcher counter = PACKETS.matcher(nft("list chain " + table + " " + chain + "\n"));
    long packets = 0;
    while (counter.find()) {
      packets += Long.parseLong(counter.group(1));
    }
    return packets;
  }

  /** Deletes one chain and its rule; nothing to do once the node has stopped or restarted. */
  void delete(String table, String chain) {
    if (node.isRunning()) {
      nft("delete chain " + table + " " + chain + "\n");
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
      unavailable(
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
      if (process.exitValue() != 0 && MISSING_FEATURE.matcher(output).find()) {
        unavailable(
            "the kernel cannot make this fault on "
                + node.name()
                + " (nft said: "
                + output.strip()
                + "); see LinkFaults for what each fault needs");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("nft failed on " + node.name() + ": " + output.strip());
      }
      return output;
    } catch (IOException e) {
      throw unavailable(
          "link faults need nsenter (util-linux) and nft (nftables) on the Docker host: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Aborts the test that asked for a fault this machine cannot make, so JUnit reports it skipped
   * with the reason; under {@code CI=true} fails it instead, as {@link RequiresDocker} does: CI
   * must never pass by skipping.
   */
  private static IllegalStateException unavailable(String reason) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true, but " + reason);
    }
    Assumptions.abort(reason);
    return new IllegalStateException(reason); // not reached: abort throws
  }

  /**
   * Where a rule sits: packets delivered to the node, sent by it (where a drop would fail the
   * send), or leaving its interfaces (where the sender is not told).
   */
  private enum Hook {
    INPUT,
    OUTPUT,
    EGRESS
  }
}
