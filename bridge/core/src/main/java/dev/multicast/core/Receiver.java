package dev.multicast.core;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Receives the datagrams sent to one or more groups. Each group has its own socket bound to the
 * group address, so a receiver sees only the groups it joined; leaving happens on {@link #close()}.
 *
 * <p>Two styles: {@link #receive(Duration)} blocks for one datagram; {@link #poll(Consumer, long)}
 * hands every datagram that is ready to a callback, draining the kernel buffers in one go so that
 * bursts are not lost.
 *
 * <pre>{@code
 * try (Receiver receiver = Receiver.open(List.of(Group.of("239.1.2.3", 59259)), options)) {
 *   receiver.receive(Duration.ofSeconds(1)).ifPresent(d -> System.out.println(d.text()));
 * }
 * }</pre>
 */
public final class Receiver implements AutoCloseable {
  private static final long INTERFACE_CHECK_NANOS = 1_000_000_000L;

  private final Selector selector;
  private final List<Group> groups;
  private final MulticastOptions options;
  private final InetAddress source;
  private final List<InetSocketAddress> boundTo;
  private long nextInterfaceCheck = System.nanoTime() + INTERFACE_CHECK_NANOS;
  // Sized past the largest datagram (65,527 bytes over IPv6) so that none is ever cut short.
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
  private volatile boolean closed;
  // Read as the sockets close, so that a summary printed after close still has them.
  private volatile OptionalLong kernelDropsAtClose = OptionalLong.empty();

  private Receiver(
      Selector selector, List<Group> groups, MulticastOptions options, InetAddress source) {
    this.selector = selector;
    this.groups = List.copyOf(groups);
    this.options = options;
    this.source = source;
    this.boundTo = groups.stream().map(g -> new InetSocketAddress(g.address(), g.port())).toList();
  }

  /** A joined group, and the interface it was joined on as it was then. */
  private record Membership(Group group, NetworkInterface iface) {}

  /**
   * Joins every group, receiving from any source.
   *
   * @param groups at least one group
   * @param options the interface (null: the route to the first group) and receive buffer
   * @return an open receiver, which the caller closes
   * @throws MulticastException naming the group and interface that could not be joined
   */
  public static Receiver open(List<Group> groups, MulticastOptions options) {
    return open(groups, options, null);
  }

  /**
   * Joins every group; with a {@code source}, a source-specific join that accepts datagrams from
   * that sender only.
   *
   * @param groups at least one group
   * @param options the interface (null: the route to the first group) and receive buffer
   * @param source the only sender to accept, or null for any
   * @return an open receiver, which the caller closes
   * @throws MulticastException naming the group and interface that could not be joined
   */
  public static Receiver open(List<Group> groups, MulticastOptions options, InetAddress source) {
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("a receiver needs at least one group");
    }
    FileDescriptors.requireRoom(groups.size(), "cannot receive " + groups.size() + " groups");
    Selector selector = null;
    try {
      selector = Selector.open();
      for (Group group : groups) {
        register(selector, group, Channels.ifaceFor(group, options), options, source);
      }
      return new Receiver(selector, groups, options, source);
    } catch (IOException | RuntimeException e) {
      closeAll(selector);
      throw Channels.failure("cannot receive " + groups, e);
    }
  }

  private static void register(
      Selector selector,
      Group group,
      NetworkInterface iface,
      MulticastOptions options,
      InetAddress source)
      throws IOException {
    DatagramChannel channel = Channels.openMember(group, options.iface(iface), source);
    try {
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ, new Membership(group, iface));
    } catch (IOException | RuntimeException e) {
      Channels.closeQuietly(channel);
      throw e;
    }
  }

  /** {@return the groups joined, in the order given} */
  public List<Group> groups() {
    return groups;
  }

  /**
   * Waits up to {@code timeout} for one datagram.
   *
   * @param timeout how long to wait; null waits until one comes or the receiver is closed
   * @return the datagram, or empty when the time ran out or the receiver was closed
   */
  public Optional<Datagram> receive(Duration timeout) {
    long deadline = Deadlines.after(timeout);
    Datagram[] first = new Datagram[1];
    poll(d -> first[0] = d, 0, 1);
    while (first[0] == null && isOpen()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      poll(d -> first[0] = d, Deadlines.pollMillis(left), 1);
    }
    return Optional.ofNullable(first[0]);
  }

  /**
   * Waits up to {@code timeoutMillis} (0: not at all) for datagrams, then hands every one that is
   * ready to {@code handler}. Call from one thread at a time.
   *
   * @param handler takes each datagram, a copy it may keep
   * @param timeoutMillis how long to wait for the first, in milliseconds
   * @return how many datagrams were handled; 0 when none came or the receiver was closed
   */
  public int poll(Consumer<Datagram> handler, long timeoutMillis) {
    return poll(handler, timeoutMillis, Integer.MAX_VALUE);
  }

  /**
   * As {@link #poll(Consumer, long)}, handing over at most {@code limit} datagrams.
   *
   * @param handler takes each datagram, a copy it may keep
   * @param timeoutMillis how long to wait for the first, in milliseconds
   * @param limit the most to hand over in this call
   * @return how many datagrams were handled
   */
  public int poll(Consumer<Datagram> handler, long timeoutMillis, int limit) {
    return poll(
        (group, source, payload) -> handler.accept(Datagram.copyOf(group, source, payload)),
        timeoutMillis,
        limit);
  }

  /**
   * The allocation-free form for hot loops: waits up to {@code timeoutMillis} (0: not at all), then
   * hands at most {@code limit} ready datagrams to {@code handler} in the receiver's own buffer;
   * the rest stay queued for the next call.
   *
   * @param handler takes each datagram, valid only during its call
   * @param timeoutMillis how long to wait for the first, in milliseconds
   * @param limit the most to hand over in this call
   * @return how many datagrams were handled; 0 when none came or the receiver was closed
   */
  public int poll(DatagramHandler handler, long timeoutMillis, int limit) {
    int handled = 0;
    try {
      // Keys left selected by an earlier call that stopped at its limit are drained first; when
      // that finds nothing, this call still waits for new datagrams as asked.
      if (!selector.selectedKeys().isEmpty()) {
        handled = drain(handler, limit);
      }
      if (handled == 0) {
        rejoinWhenDue();
        if (timeoutMillis == 0) {
          selector.selectNow();
        } else {
          selector.select(timeoutMillis);
        }
        handled = drain(handler, limit);
      }
      return handled;
    } catch (ClosedSelectorException e) {
      return handled;
    } catch (IOException e) {
      if (closed) {
        return handled;
      }
      throw Channels.failure("cannot receive " + groups, e);
    }
  }

  /** Hands over the ready datagrams, one group at a time, up to {@code limit}. */
  private int drain(DatagramHandler handler, int limit) throws IOException {
    int handled = 0;
    Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
    while (keys.hasNext() && handled < limit) {
      SelectionKey key = keys.next();
      DatagramChannel channel = (DatagramChannel) key.channel();
      Group group = ((Membership) key.attachment()).group();
      while (handled < limit) {
        buffer.clear();
        InetSocketAddress source = (InetSocketAddress) channel.receive(buffer);
        if (source == null) {
          keys.remove();
          break;
        }
        buffer.flip();
        handled++;
        handler.onDatagram(group, source, buffer);
      }
    }
    return handled;
  }

  /**
   * An interface that went away and came back (a cable re-plugged, a container reconnected to its
   * network) has a new index, perhaps a new name, and the kernel dropped the memberships of the old
   * one: each group on it is joined again, on a new socket, since Java's join takes an equal
   * interface as already joined.
   */
  private void rejoinWhenDue() {
    long now = System.nanoTime();
    if (now - nextInterfaceCheck < 0) {
      return;
    }
    nextInterfaceCheck = now + INTERFACE_CHECK_NANOS;
    for (SelectionKey key : new ArrayList<>(selector.keys())) {
      if (!key.isValid()) {
        continue;
      }
      Membership joined = (Membership) key.attachment();
      try {
        Optional<NetworkInterface> replacement = Interfaces.replacement(joined.iface());
        if (replacement.isPresent()) {
          register(selector, joined.group(), replacement.get(), options, source);
          Channels.closeQuietly(key.channel());
        }
      } catch (IOException | MulticastException e) {
        // Not ready yet (no address, still down): tried again at the next check.
      }
    }
  }

  /**
   * The datagrams the kernel discarded so far at this receiver's sockets because their buffer was
   * full, that is because the receiver fell behind; empty where the system does not say (see {@link
   * KernelDrops}). Sockets of this process bound to the same groups count too, and a socket opened
   * again after its interface came back starts from 0.
   *
   * @return the count, read from the kernel now (or as it was at close)
   */
  public OptionalLong kernelDrops() {
    return closed ? kernelDropsAtClose : KernelDrops.ofThisProcess().count(boundTo);
  }

  /** {@return whether the receiver is still open} */
  public boolean isOpen() {
    return !closed && selector.isOpen();
  }

  /** Leaves every group and closes the sockets. Safe to call from another thread. */
  @Override
  public synchronized void close() {
    if (!closed) {
      kernelDropsAtClose = kernelDrops();
    }
    closed = true;
    closeAll(selector);
  }

  private static void closeAll(Selector selector) {
    if (selector == null) {
      return;
    }
    try {
      for (SelectionKey key : new ArrayList<>(selector.keys())) {
        Channels.closeQuietly(key.channel());
      }
    } catch (ClosedSelectorException alreadyClosed) {
      return;
    }
    Channels.closeQuietly(selector);
  }
}
