package dev.multicast.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LossCounterTest {
  private static final int SENDER = 7;
  private static final long EPOCH = 1000;

  private final LossCounter counter = new LossCounter();

  @Test
  void skippedSequenceNumbersAreLost() {
    record(0, 1, 2, 5);
    assertEquals(new LossStats(4, 2, 0, 0), counter.total());
  }

  @Test
  void lateArrivalIsReorderedAndNoLongerLost() {
    record(0, 1, 3, 2);
    assertEquals(new LossStats(4, 0, 0, 1), counter.total());
  }

  @Test
  void repeatIsDuplicated() {
    record(0, 1, 1);
    assertEquals(new LossStats(3, 0, 1, 0), counter.total());
  }

  @Test
  void arrivalBeforeTheFirstShowsTheGapBetween() {
    record(10, 7);
    assertEquals(new LossStats(2, 2, 0, 1), counter.total());
  }

  @Test
  void wrapIntoTheNextEpochLosesNothingWhenContiguous() {
    counter.record(SENDER, EPOCH, 0xFFFF_FFFEL);
    counter.record(SENDER, EPOCH, 0xFFFF_FFFFL);
    counter.record(SENDER, EPOCH + 1, 0);
    counter.record(SENDER, EPOCH + 1, 1);
    assertEquals(new LossStats(4, 0, 0, 0), counter.total());
  }

  @Test
  void sendersAreCountedApartAndTotalled() {
    counter.record(1, EPOCH, 0);
    counter.record(1, EPOCH, 2);
    counter.record(2, EPOCH, 5);
    counter.record(2, EPOCH, 5);
    assertEquals(
        Map.of(1, new LossStats(2, 1, 0, 0), 2, new LossStats(2, 0, 1, 0)), counter.bySender());
    assertEquals(new LossStats(4, 1, 1, 0), counter.total());
  }

  @Test
  void forgottenSendersStayInTheTotal() {
    LossCounter small = new LossCounter(64, 1);
    small.record(1, EPOCH, 0);
    small.record(1, EPOCH, 3);
    small.record(2, EPOCH, 0);
    assertEquals(1, small.bySender().size());
    assertEquals(new LossStats(3, 2, 0, 0), small.total());
  }

  /**
   * A seq sender through a network that drops, repeats and reorders on purpose: envelopes 0 to 99,
   * with 10, 20 and 30 dropped, 40 and 41 sent twice, 50 held back until after 55, and 60 held back
   * until after 99.
   */
  @Test
  void countsWhatAMisbehavingNetworkDidToASeqStream() {
    Sealer sealer = Sealer.seq();
    List<byte[]> sent = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      sent.add(sealer.encode(new byte[] {(byte) i}));
    }
    List<byte[]> delivered = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      if (i == 10 || i == 20 || i == 30 || i == 50 || i == 60) {
        continue;
      }
      delivered.add(sent.get(i));
      if (i == 40 || i == 41) {
        delivered.add(sent.get(i));
      }
      if (i == 55) {
        delivered.add(sent.get(50));
      }
    }
    delivered.add(sent.get(60));

    Opener opener = Opener.unkeyed();
    for (byte[] datagram : delivered) {
      counter.record((Opened) opener.open(datagram));
    }
    assertEquals(new LossStats(99, 3, 2, 2), counter.total());
  }

  private void record(long... sequences) {
    for (long sequence : sequences) {
      counter.record(SENDER, EPOCH, sequence);
    }
  }
}
