package dev.multicast.cli;

import dev.multicast.core.Addresses;
import dev.multicast.core.DatagramHandler;
import dev.multicast.core.Group;
import dev.multicast.security.LossCounter;
import dev.multicast.security.LossStats;
import dev.multicast.security.OpenResult;
import dev.multicast.security.Opened;
import dev.multicast.security.Opener;
import dev.multicast.security.RejectReason;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * RECV's envelope check: hands on the payload of each envelope that opens, counts loss from the
 * sequence numbers, and drops the rest, counted by reason (one line each on stderr with {@code
 * --verbose}). Used on the receiving thread only.
 */
final class EnvelopeReader implements DatagramHandler {
  /** Takes each envelope that opened, with the group and sender it came from. */
  @FunctionalInterface
  interface OpenedHandler {
    void onOpened(Group group, InetSocketAddress source, Opened opened);
  }

  private final Opener opener;
  private final OpenedHandler next;
  private final PrintWriter verbose;
  private final LossCounter loss = new LossCounter();
  private final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);

  EnvelopeReader(Opener opener, OpenedHandler next, PrintWriter verbose) {
    this.opener = opener;
    this.next = next;
    this.verbose = verbose;
  }

  @Override
  public void onDatagram(Group group, InetSocketAddress source, ByteBuffer payload) {
    OpenResult result = opener.open(payload);
    if (result instanceof Opened opened) {
      loss.record(opened);
      next.onOpened(group, source, opened);
    } else if (result instanceof RejectReason reason) {
      synchronized (rejected) {
        rejected.merge(reason, 1L, Long::sum);
      }
      if (verbose != null) {
        verbose.printf(
            "RECV: dropped a datagram from %s: %s%n", Addresses.text(source), reason.description());
      }
    }
  }

  LossStats loss() {
    return loss.total();
  }

  /** Rejections by reason, in the enum's order. */
  Map<RejectReason, Long> rejected() {
    synchronized (rejected) {
      return new EnumMap<>(rejected);
    }
  }

  /** {@code , lost 3 (0.3%), duplicated 0, reordered 1, rejected 2 (forged 1, replay 1)}. */
  String describe() {
    LossStats total = loss();
    long expected = total.received() - total.duplicated() + total.lost();
    double lostPercent = expected > 0 ? 100.0 * total.lost() / expected : 0;
    Map<RejectReason, Long> byReason = rejected();
    long rejects = byReason.values().stream().mapToLong(Long::longValue).sum();
    String reasons =
        byReason.entrySet().stream()
            .map(e -> e.getKey().name().toLowerCase(java.util.Locale.ROOT) + " " + e.getValue())
            .collect(Collectors.joining(", ", " (", ")"));
    return String.format(
        ", lost %d (%.1f%%), duplicated %d, reordered %d, rejected %d%s",
        total.lost(),
        lostPercent,
        total.duplicated(),
        total.reordered(),
        rejects,
        rejects == 0 ? "" : reasons);
  }
}
