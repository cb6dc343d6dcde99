package dev.multicast.camel;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The local ports this bridge's multicast sinks send from. A multicast source that receives a
 * datagram from one of them is hearing its own bridge's emission (multicast loops back to the
 * sending host) and drops it, so that a bridge listening on a group it also sends to never bridges
 * its own output back.
 */
public final class Emitters {
  /** The registry name the bridge binds its instance under. */
  public static final String BEAN = "multicastEmitters";

  /**
   * How long a closed sender's port still counts as ours: its last datagrams may still be on their
   * way through the loopback to a source when the sender closes.
   */
  private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static final long OPEN = Long.MAX_VALUE;

  /** Port to the time (System.nanoTime) until which it counts as ours. */
  private final Map<Integer, Long> ports = new ConcurrentHashMap<>();

  void add(InetSocketAddress local) {
    ports.put(local.getPort(), OPEN);
  }

  void remove(InetSocketAddress local) {
    long until = System.nanoTime() + LINGER_NANOS;
    ports.computeIfPresent(local.getPort(), (port, was) -> until);
    ports.values().removeIf(expiry -> expiry != OPEN && expiry - System.nanoTime() < 0);
  }

  /** Whether a datagram from {@code source}, received on this host, was sent by this bridge. */
  public boolean isOwn(InetSocketAddress source, boolean sourceIsLocal) {
    if (!sourceIsLocal) {
      return false;
    }
    Long until = ports.get(source.getPort());
    return until != null && (until == OPEN || until - System.nanoTime() > 0);
  }
}
