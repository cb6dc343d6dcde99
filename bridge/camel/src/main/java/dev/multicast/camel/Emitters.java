package dev.multicast.camel;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/**
 * The local ports the multicast sinks of one CamelContext send from. A multicast source that
 * receives a datagram from one of them is hearing its own application's emission (multicast loops
 * back to the sending host) and drops it, so that an application listening on a group it also sends
 * to never bridges its own output back. The Kamelets find it with {@link #of(CamelContext)}: no
 * application has to provide it.
 */
public final class Emitters {
  /** The registry name of the context's instance. */
  public static final String BEAN = "multicastEmitters";

  /**
   * How long a closed sender's port still counts as ours: its last datagrams may still be on their
   * way through the loopback to a source when the sender closes.
   */
  private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static final long OPEN = Long.MAX_VALUE;

  /** Port to the time (System.nanoTime) until which it counts as ours. */
  private final Map<Integer, Long> ports = new ConcurrentHashMap<>();

  /**
   * The context's instance: the one in its registry, else a new one bound there, so that every
   * source and sink of the context share it.
   *
   * @param context the Camel context
   * @return its instance
   */
  public static Emitters of(CamelContext context) {
    Registry registry = context.getRegistry();
    synchronized (registry) {
      Emitters emitters = registry.lookupByNameAndType(BEAN, Emitters.class);
      if (emitters == null) {
        emitters = new Emitters();
        registry.bind(BEAN, emitters);
      }
      return emitters;
    }
  }

  void add(InetSocketAddress local) {
    ports.put(local.getPort(), OPEN);
  }

  void remove(InetSocketAddress local) {
    long until = System.nanoTime() + LINGER_NANOS;
    ports.computeIfPresent(local.getPort(), (port, was) -> until);
    ports.values().removeIf(expiry -> expiry != OPEN && expiry - System.nanoTime() < 0);
  }

  /**
   * Whether a datagram from {@code source}, received on this host, was sent by a sink of ours.
   *
   * @param source the datagram's sender
   * @param sourceIsLocal whether that address is this host's
   * @return true for a datagram one of this context's sinks sent
   */
  public boolean isOwn(InetSocketAddress source, boolean sourceIsLocal) {
    if (!sourceIsLocal) {
      return false;
    }
    Long until = ports.get(source.getPort());
    return until != null && (until == OPEN || until - System.nanoTime() > 0);
  }
}
