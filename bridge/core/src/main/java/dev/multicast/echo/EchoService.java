package dev.multicast.echo;

import dev.multicast.core.Addresses;
import dev.multicast.core.Datagram;
import dev.multicast.core.Deadlines;
import dev.multicast.core.Group;
import dev.multicast.core.MulticastException;
import dev.multicast.core.MulticastOptions;
import dev.multicast.core.Receiver;
import dev.multicast.core.Sender;
import dev.multicast.security.EnvelopeMode;
import dev.multicast.security.GroupKey;
import dev.multicast.security.GroupKeys;
import dev.multicast.security.KeyFile;
import dev.multicast.security.OpenResult;
import dev.multicast.security.Opened;
import dev.multicast.security.Opener;
import dev.multicast.security.RejectReason;
import dev.multicast.security.Sealer;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HEAR echo service. Every datagram received on the home group or the other groups gets a
 * unicast reply to its sender in the reference tool's format ({@link HearReply}); datagrams from
 * the other groups are also relayed, unchanged, to the home group (the reference's documented proxy
 * mode). A payload containing {@code STOP} gets its reply, then ends {@link #serve}.
 *
 * <p>The service keeps its sockets for its whole life and drains every datagram that is ready, so
 * bursts are answered in full. It ignores datagrams that its own relay sends, so relaying never
 * loops.
 */
public final class EchoService implements AutoCloseable {
  /** What the service did with each datagram, for logging; every method is optional. */
  public interface Listener {
    /**
     * A datagram was answered.
     *
     * @param heard what came in
     * @param reply the text sent back to its sender
     */
    default void replied(Datagram heard, String reply) {}

    /**
     * A datagram on another group was passed on to the home group.
     *
     * @param heard what came in
     * @param to the home group
     */
    default void relayed(Datagram heard, Group to) {}

    /**
     * A datagram was neither answered nor relayed.
     *
     * @param heard what came in
     * @param why a short reason, such as a rejected envelope
     */
    default void ignored(Datagram heard, String why) {}
  }

  /**
   * Counts at the end of {@link #serve}.
   *
   * @param replies datagrams answered
   * @param relayed datagrams passed on to the home group
   * @param ignored datagrams neither answered nor relayed
   * @param stopped whether a STOP ended the service
   */
  public record Result(long replies, long relayed, long ignored, boolean stopped) {}

  private final Group home;
  private final Receiver receiver;
  private final MulticastOptions options;
  private final Map<Boolean, Sender> sendersByFamily = new ConcurrentHashMap<>();
  private GroupKey key;
  private final Opener opener;
  private KeyFile keyFile;
  private final Map<EnvelopeMode, Sealer> sealers = new EnumMap<>(EnvelopeMode.class);

  private EchoService(
      Group home, Receiver receiver, MulticastOptions options, GroupKey key, Duration freshness) {
    this.home = home;
    this.receiver = receiver;
    this.options = options;
    this.key = key;
    this.opener = key == null ? null : Opener.keyed(key, freshness, InstantSource.system());
  }

  /**
   * Listens on {@code home} and on {@code others} (relayed to {@code home}); the home group is
   * joined even when {@code others} does not list it.
   *
   * @param home the group answered on
   * @param others groups relayed to {@code home}; may be empty
   * @param options the interface, TTL and loopback of both listening and replying
   * @return an open service, which the caller closes
   * @throws MulticastException naming the group and interface that could not be joined
   */
  public static EchoService open(Group home, List<Group> others, MulticastOptions options) {
    return open(home, others, options, null);
  }

  /**
   * As {@link #open(Group, List, MulticastOptions)}, keyed: only envelopes that open with {@code
   * key} are answered (a STOP included) and relayed, and each reply goes back in an envelope of the
   * mode it answers, so that nothing is ever reflected to a sender that could not prove it holds
   * the key.
   *
   * @param home the group answered on
   * @param others groups relayed to {@code home}; may be empty
   * @param options the interface, TTL and loopback of both listening and replying
   * @param key the group's key, or null for a plain service
   * @return an open service, which the caller closes
   */
  public static EchoService open(
      Group home, List<Group> others, MulticastOptions options, GroupKey key) {
    return open(home, others, options, key, Opener.DEFAULT_FRESHNESS);
  }

  /**
   * As {@link #open(Group, List, MulticastOptions, GroupKey)}, with the freshness window of the
   * envelopes it accepts: how far their timestamp may be from this clock, either way.
   *
   * @param home the group answered on
   * @param others groups relayed to {@code home}; may be empty
   * @param options the interface, TTL and loopback of both listening and replying
   * @param key the group's key, or null for a plain service
   * @param freshness positive
   * @return an open service, which the caller closes
   * @throws IllegalArgumentException when {@code freshness} is not positive
   */
  public static EchoService open(
      Group home, List<Group> others, MulticastOptions options, GroupKey key, Duration freshness) {
    if (freshness.isNegative() || freshness.isZero()) {
      // Checked before anything opens, so that a bad window leaves no socket behind.
      throw new IllegalArgumentException("freshness " + freshness + " is not positive");
    }
    List<Group> groups = new ArrayList<>();
    groups.add(home);
    others.stream().filter(g -> !g.equals(home)).distinct().forEach(groups::add);
    EchoService service =
        new EchoService(home, Receiver.open(groups, options), options, key, freshness);
    try {
      service.sender(home.isIpv6());
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
    return service;
  }

  /**
   * Reads {@code file} again while it serves, so that a rotation of the group's keys takes effect
   * without a restart: replies are sealed with its first key, and envelopes under any of its keys
   * are answered. For a keyed service, opened with the file's keys.
   *
   * @param file the group's key file
   * @return this service
   * @throws IllegalStateException for a plain service
   */
  public EchoService following(KeyFile file) {
    if (opener == null) {
      throw new IllegalStateException("a plain echo service has no key to follow");
    }
    this.keyFile = file;
    rekey(file.keys());
    return this;
  }

  private void rekey(GroupKeys keys) {
    key = keys.current();
    opener.rekey(keys);
    sealers.values().forEach(sealer -> sealer.rekey(key));
  }

  /** {@return the group answered on} */
  public Group home() {
    return home;
  }

  /** {@return every group listened on, the home group first} */
  public List<Group> groups() {
    return receiver.groups();
  }

  /**
   * Answers datagrams until one says STOP, {@code maxReplies} have been answered, {@code timeout}
   * (null: no limit) has passed, or the service is closed. Runs on the calling thread.
   *
   * @param maxReplies the most datagrams to answer
   * @param timeout how long to serve; null for no limit
   * @param listener told of each datagram
   * @return what was done
   */
  public Result serve(long maxReplies, Duration timeout, Listener listener) {
    long deadline = Deadlines.after(timeout);
    long[] counts = new long[3];
    boolean[] stop = new boolean[1];
    while (!stop[0] && counts[0] < maxReplies && receiver.isOpen()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      int limit = (int) Math.min(Integer.MAX_VALUE, maxReplies - counts[0]);
      receiver.poll(
          heard -> {
            // A burst read together with STOP is not answered after it.
            if (!stop[0]) {
              stop[0] = answer(heard, listener, counts);
            }
          },
          Deadlines.pollMillis(left),
          limit);
      if (keyFile != null) {
        keyFile.changed().ifPresent(this::rekey);
      }
    }
    return new Result(counts[0], counts[1], counts[2], stop[0]);
  }

  /** Replies to and maybe relays one datagram; true when it asks the service to stop. */
  private boolean answer(Datagram heard, Listener listener, long[] counts) {
    if (isOwnEmission(heard.source())) {
      return false;
    }
    EnvelopeMode mode = null;
    Datagram said = heard;
    if (opener != null) {
      OpenResult result = opener.open(heard.payload());
      if (!(result instanceof Opened opened)) {
        counts[2]++;
        listener.ignored(heard, ((RejectReason) result).description());
        return false;
      }
      mode = opened.mode();
      said = new Datagram(heard.group(), heard.source(), opened.payload(), heard.receivedAt());
    }
    try {
      if (!heard.group().equals(home)) {
        // Relayed unchanged, binary or not; an envelope stays one, for the home group to check.
        sender(home.isIpv6()).sendTo(home.socketAddress(), ByteBuffer.wrap(heard.payload()));
        counts[1]++;
        listener.relayed(heard, home);
      }
      return reply(said, mode, listener, counts);
    } catch (MulticastException e) {
      // One sender's bad datagram or unreachable address must not stop the service.
      counts[2]++;
      listener.ignored(heard, e.getMessage());
      return false;
    }
  }

  private boolean reply(Datagram heard, EnvelopeMode mode, Listener listener, long[] counts) {
    String said;
    try {
      said =
          StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(heard.payload())).toString();
    } catch (CharacterCodingException e) {
      counts[2]++;
      listener.ignored(heard, "its payload is not UTF-8 text");
      return false;
    }
    String reply = HearReply.format(said, heard.source(), heard.group());
    boolean v6 = heard.source().getAddress() instanceof java.net.Inet6Address;
    byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
    if (mode != null) {
      bytes = sealers.computeIfAbsent(mode, m -> Sealer.keyed(m, key)).encode(bytes);
    }
    sender(v6).sendTo(heard.source(), ByteBuffer.wrap(bytes));
    counts[0]++;
    listener.replied(heard, reply);
    return said.contains("STOP");
  }

  private Sender sender(boolean v6) {
    return sendersByFamily.computeIfAbsent(
        v6,
        family -> {
          Group sample = family == home.isIpv6() ? home : firstOfFamily(family);
          return Sender.open(sample, options);
        });
  }

  private Group firstOfFamily(boolean v6) {
    return receiver.groups().stream()
        .filter(g -> g.isIpv6() == v6)
        .findFirst()
        .orElseThrow(
            () ->
                new MulticastException(
                    MulticastException.Reason.UNAVAILABLE,
                    "cannot reply to an " + (v6 ? "IPv6" : "IPv4") + " sender from these groups"));
  }

  private boolean isOwnEmission(InetSocketAddress source) {
    if (!Addresses.isLocal(source.getAddress())) {
      return false;
    }
    for (Sender sender : sendersByFamily.values()) {
      if (sender.localAddress().getPort() == source.getPort()) {
        return true;
      }
    }
    return false;
  }

  /** {@return whether the service is still open} */
  public boolean isOpen() {
    return receiver.isOpen();
  }

  /** Leaves every group and closes every socket. Safe to call from another thread. */
  @Override
  public void close() {
    receiver.close();
    sendersByFamily.values().forEach(Sender::close);
  }
}
