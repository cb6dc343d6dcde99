package dev.multicast.security;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts loss, duplication and reordering per sender from envelope sequence numbers; it works the
 * same for seq, auth and seal envelopes. A datagram whose number is above the highest so far counts
 * the skipped numbers as lost; a late one that fills such a gap counts as reordered and takes one
 * off lost; one already seen counts as duplicated. Loss before a sender's first recorded datagram
 * is not counted, except for gaps that later, lower numbers show.
 *
 * <p>Within the last {@link ReplayWindow#DEFAULT_SIZE} numbers duplicates are told apart exactly;
 * an arrival further behind is taken for a late one (as iperf does). Behind a keyed {@link Opener}
 * the counter never sees duplicates: the opener rejects them as {@link RejectReason#REPLAY}.
 *
 * <p>At most {@link ReplayWindow#DEFAULT_SENDERS} senders are tracked; a forgotten sender's figures
 * stay in {@link #total()}. Thread-safe, so another thread may print while one records.
 */
public final class LossCounter {
  private final int window;
  private final LruMap<Integer, Stream> senders;
  private LossStats retired = LossStats.NONE;

  /** A counter with the replay window's size and number of senders. */
  public LossCounter() {
    this(ReplayWindow.DEFAULT_SIZE, ReplayWindow.DEFAULT_SENDERS);
  }

  LossCounter(int window, int maxSenders) {
    this.window = window;
    this.senders = new LruMap<>(maxSenders, (id, stream) -> retired = retired.plus(stream.stats()));
  }

  /**
   * Records one accepted envelope.
   *
   * @param opened what {@link Opener#open} accepted
   */
  public void record(Opened opened) {
    record(opened.senderId(), opened.epoch(), opened.sequence());
  }

  /**
   * Records one datagram of a sender.
   *
   * @param senderId the sender's id from the envelope header
   * @param epoch unsigned 32-bit epoch
   * @param sequence unsigned 32-bit sequence number
   */
  public synchronized void record(int senderId, long epoch, long sequence) {
    Stream stream = senders.get(senderId);
    if (stream == null) {
      stream = new Stream(new SeenWindow(window), epoch);
      senders.put(senderId, stream);
    }
    stream.record(epoch, sequence);
  }

  /** {@return each tracked sender's figures, by sender id, as a copy} */
  public synchronized Map<Integer, LossStats> bySender() {
    Map<Integer, LossStats> bySender = new TreeMap<>();
    senders.forEach((id, stream) -> bySender.put(id, stream.stats()));
    return bySender;
  }

  /** {@return all senders' figures added up, forgotten senders included} */
  public synchronized LossStats total() {
    LossStats total = retired;
    for (Stream stream : senders.values()) {
      total = total.plus(stream.stats());
    }
    return total;
  }

  /** One sender's counts in its current epoch's window. */
  private static final class Stream {
    private final SeenWindow seen;
    private long epoch;
    private long lowest;
    private long received;
    private long lost;
    private long duplicated;
    private long reordered;

    private Stream(SeenWindow seen, long epoch) {
      this.seen = seen;
      this.epoch = epoch;
    }

    private void record(long epochOf, long sequence) {
      received++;
      if (epochOf < epoch) {
        late(); // from before the sender's last wrap
        return;
      }
      if (epochOf > epoch) {
        // The sender wrapped: the rest of the old epoch and the start of the new one are missing.
        lost += Envelope.UINT32_RANGE - 1 - seen.highest() + sequence;
        epoch = epochOf;
        seen.reset();
        seen.mark(sequence);
        lowest = 0;
        return;
      }
      long highest = seen.highest();
      switch (seen.mark(sequence)) {
        case FIRST -> lowest = sequence;
        case AHEAD -> lost += sequence - highest - 1;
        case DUPLICATE -> duplicated++;
        case BEHIND, TOO_OLD -> {
          if (sequence < lowest) {
            // Earlier than anything seen: the numbers between it and the lowest are missing.
            lost += lowest - sequence - 1;
            lowest = sequence;
            reordered++;
          } else {
            late();
          }
        }
      }
    }

    private void late() {
      reordered++;
      if (lost > 0) {
        lost--;
      }
    }

    private LossStats stats() {
      return new LossStats(received, lost, duplicated, reordered);
    }
  }
}
