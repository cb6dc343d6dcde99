package dev.multicast.security;

/**
 * Accepts each (sender id, epoch, sequence number) once. Per sender it keeps the latest epoch and a
 * sliding window of the last {@link #DEFAULT_SIZE} sequence numbers: a number below the window is
 * taken for a replay, as in IPsec and DTLS. A newer epoch starts a fresh window; an older one is a
 * replay.
 *
 * <p>At most {@link #DEFAULT_SENDERS} senders are tracked; the least recently heard is forgotten to
 * make room. A forgotten sender's old datagrams would be accepted again, which is why the {@link
 * Opener} also refuses datagrams outside its freshness window. Not thread-safe.
 */
public final class ReplayWindow {
  /** Sequence numbers remembered per sender. */
  public static final int DEFAULT_SIZE = 1024;

  /** Senders tracked at most. */
  public static final int DEFAULT_SENDERS = 4096;

  private final int size;
  private final LruMap<Integer, SenderWindow> senders;
  // The last sender looked up, which is also the most recently used entry (so never the one an
  // insertion evicts): most streams have one sender, and this skips the map and boxing its id.
  private int lastSenderId;
  private SenderWindow last;

  /** A window of the default size, for the default number of senders. */
  public ReplayWindow() {
    this(DEFAULT_SIZE, DEFAULT_SENDERS);
  }

  /**
   * A window of the given size, for at most {@code senders} senders (the least recently seen is
   * forgotten).
   *
   * @param size sequence numbers remembered per sender, a positive multiple of 64
   * @param senders senders tracked at most, at least 1
   */
  public ReplayWindow(int size, int senders) {
    if (size <= 0 || size % 64 != 0) {
      throw new IllegalArgumentException(
          "replay window size " + size + " is not a positive multiple of 64");
    }
    if (senders < 1) {
      throw new IllegalArgumentException("replay window senders " + senders + " is below 1");
    }
    this.size = size;
    this.senders = new LruMap<>(senders, (id, window) -> {});
  }

  /**
   * Records a datagram as seen. Call it only for datagrams whose tag verified, so that forgeries
   * never move the window.
   *
   * @param senderId the sender's id from the envelope header
   * @param epoch unsigned 32-bit epoch
   * @param sequence unsigned 32-bit sequence number
   * @return true the first time; false for a replay, or a datagram too old to tell
   */
  public boolean accept(int senderId, long epoch, long sequence) {
    SenderWindow window = windowOf(senderId);
    if (epoch < window.epoch) {
      return false;
    }
    if (epoch > window.epoch) {
      window.epoch = epoch;
      window.seen.reset();
    }
    SeenWindow.Arrival arrival = window.seen.mark(sequence);
    return arrival != SeenWindow.Arrival.DUPLICATE && arrival != SeenWindow.Arrival.TOO_OLD;
  }

  /** {@return how many senders are tracked now} */
  public int trackedSenders() {
    return senders.size();
  }

  private SenderWindow windowOf(int senderId) {
    if (last != null && senderId == lastSenderId) {
      return last;
    }
    SenderWindow window = senders.get(senderId);
    if (window == null) {
      window = new SenderWindow(new SeenWindow(size));
      senders.put(senderId, window);
    }
    lastSenderId = senderId;
    last = window;
    return window;
  }

  private static final class SenderWindow {
    private final SeenWindow seen;
    private long epoch = -1;

    private SenderWindow(SeenWindow seen) {
      this.seen = seen;
    }
  }
}
