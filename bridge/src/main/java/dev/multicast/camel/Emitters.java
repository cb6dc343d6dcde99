package dev.multicast.camel;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local ports this bridge's multicast sinks send from. A multicast source that receives a
 * datagram from one of them is hearing its own bridge's emission (multicast loops back to the
 * sending host) and drops it, so that a bridge listening on a group it also sends to never bridges
 * its own output back.
 */
public final class Emitters {
  /** The registry name the bridge binds its instance under. */
  public static final String BEAN = "multicastEmitters";

  private final Set<Integer> ports = ConcurrentHashMap.newKeySet();

  void add(InetSocketAddress local) {
    ports.add(local.getPort());
  }

  void remove(InetSocketAddress local) {
    ports.remove(local.getPort());
  }

  /** Whether a datagram from {@code source}, received on this host, was sent by this bridge. */
  public boolean isOwn(InetSocketAddress source, boolean sourceIsLocal) {
    return sourceIsLocal && ports.contains(source.getPort());
  }
}
