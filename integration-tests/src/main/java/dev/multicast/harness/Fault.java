package dev.multicast.harness;

import java.util.List;

/**
 * A fault on one or more nodes' links, made by {@link LinkFaults}: active until {@link #heal
 * healed} (or closed), and counting the packets its rules matched, which stay readable afterwards.
 */
public final class Fault implements AutoCloseable {
  private final String description;
  private final List<Rule> rules;
  private long healedPackets = -1;

  Fault(String description, List<Rule> rules) {
    this.description = description;
    this.rules = List.copyOf(rules);
  }

  /**
   * The packets the fault's rules matched so far: those it dropped, or duplicated. After {@link
   * #heal}, the count at that moment.
   *
   * @return the packets
   */
  public synchronized long packets() {
    if (healedPackets >= 0) {
      return healedPackets;
    }
    return rules.stream().mapToLong(Rule::packets).sum();
  }

  /**
   * Whether the fault still acts.
   *
   * @return true until healed
   */
  public synchronized boolean isActive() {
    return healedPackets < 0;
  }

  /**
   * Removes the fault's rules, after reading their counters; healing twice does nothing.
   *
   * @return this fault
   */
  public synchronized Fault heal() {
    if (isActive()) {
      healedPackets = packets();
      rules.forEach(Rule::delete);
    }
    return this;
  }

  /** Heals the fault. */
  @Override
  public void close() {
    heal();
  }

  /** What the fault does, and how many packets it matched. */
  @Override
  public String toString() {
    return description + ": " + packets() + " packets" + (isActive() ? "" : " (healed)");
  }

  /** One rule, in its own chain of one node's table ({@code "ip multicast_faults"}...). */
  record Rule(LinkFaults on, String table, String chain) {
    long packets() {
      return on.packets(table, chain);
    }

    void delete() {
      on.delete(table, chain);
    }
  }
}
