package dev.multicast.security;

import dev.multicast.core.DatagramHandler;
import dev.multicast.core.Group;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Runs the envelope path before a keyed stream starts, so that the JIT has compiled it by the first
 * datagram. The JDK's AES-GCM and SHA-256 intrinsics exist only in its optimising compiler; until
 * that has compiled the ciphers they run in plain Java, several times slower, and a receiver that
 * slow behind an unpaced sender loses what does not fit in its socket buffer.
 *
 * <p>Everything runs under throwaway random keys, with throwaway sealers and openers, through the
 * same calls a sender and a receiver make (direct buffers in and out): no real sealer's sequence
 * and no real opener's replay window is touched, and what is left behind is compiled code. The
 * branches a real stream takes once are taken here too, now and then, because the optimising
 * compiler leaves out branches it never saw and throws the compiled code away when one is taken: a
 * new key (a cipher's key schedule), a new sender (replay and loss windows), gaps in the sequence
 * numbers (loss, once in a while of more than a replay window), and a fresh receiving path.
 */
public final class Warmup {
  /** How long a warm-up runs by default: about what the JIT needs on a quiet 2-core machine. */
  public static final Duration DEFAULT_BUDGET = Duration.ofMillis(500);

  /** The payload size a receiver warms up with, not knowing what its senders send. */
  public static final int RECEIVER_PAYLOAD = 1400;

  private static final int FIRST_RUN = 64;
  private static final int LONGEST_RUN = 4096;
  private static final int GAP_EVERY = 61;
  private static final int LONG_GAP = 2 * (ReplayWindow.DEFAULT_SIZE + 1);
  private static final InetSocketAddress NOBODY =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);

  private Warmup() {}

  /**
   * Warms a sender: seals envelopes of {@code payloadLength} bytes in {@code mode} for {@code
   * budget}.
   *
   * @param mode the mode the sender will seal in
   * @param payloadLength bytes per payload, as the sender will send
   * @param budget how long to spend
   * @return the envelopes sealed
   */
  public static long sender(EnvelopeMode mode, int payloadLength, Duration budget) {
    return run(List.of(mode), payloadLength, budget, null, opener -> (group, from, datagram) -> {});
  }

  /**
   * Warms a receiver: seals envelopes of {@code payloadLength} bytes in each of {@code modes} and
   * hands them, as if from {@code group}, to receiving paths that {@code receiver} builds around an
   * opener of the throwaway key (a new path for each key), for {@code budget}.
   *
   * @param modes the modes the receiver will open
   * @param payloadLength bytes per payload, as the receiver will get
   * @param budget how long to spend
   * @param group the group the datagrams seem to come from
   * @param receiver builds the receiving path around an opener
   * @return the envelopes sealed
   */
  public static long receiver(
      List<EnvelopeMode> modes,
      int payloadLength,
      Duration budget,
      Group group,
      Function<Opener, DatagramHandler> receiver) {
    return run(modes, payloadLength, budget, group, receiver);
  }

  private static long run(
      List<EnvelopeMode> modes,
      int payloadLength,
      Duration budget,
      Group group,
      Function<Opener, DatagramHandler> receiver) {
    for (EnvelopeMode mode : modes) {
      if (!mode.isKeyed()) {
        throw new IllegalArgumentException("mode " + mode + " has no key to warm up");
      }
    }
    ByteBuffer payload = ByteBuffer.allocateDirect(payloadLength);
    ByteBuffer sealed = ByteBuffer.allocateDirect(Envelope.MAX_LENGTH);
    long deadline = System.nanoTime() + budget.toNanos();
    long done = 0;
    // Short runs per key at first, so that the compiler's profile sees keys and senders change;
    // then runs long enough to slide the replay and loss windows (1,024 sequence numbers).
    long run = FIRST_RUN;
    long left = 0;
    int keys = 0;
    Sealer sealer = null;
    DatagramHandler handler = null;
    while (System.nanoTime() - deadline < 0) {
      if (left == 0) {
        GroupKey key = GroupKey.generate();
        sealer = Sealer.keyed(modes.get(keys++ % modes.size()), key);
        handler = receiver.apply(Opener.keyed(key));
        left = run;
        run = Math.min(run * 2, LONGEST_RUN);
      }
      sealed.clear();
      sealer.encode(payload.clear(), sealed);
      // A datagram lost now and then, and in the longest runs once more than a window's worth.
      boolean lost =
          done % GAP_EVERY == GAP_EVERY - 1
              || (run == LONGEST_RUN && left <= LONG_GAP && left > LONG_GAP / 2);
      if (!lost) {
        handler.onDatagram(group, NOBODY, sealed.flip());
      }
      left--;
      done++;
    }
    return done;
  }
}
