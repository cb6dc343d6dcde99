package dev.multicast.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.core.Group;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class WarmupTest {
  private static final Group GROUP = Group.of("239.255.77.1", 9);
  private static final Duration SHORT = Duration.ofMillis(200);

  @Test
  void shouldLeaveTheRealSealerAndOpenerAsTheyWere() {
    Sealer sealer = Sealer.keyed(EnvelopeMode.SEAL, TestVector.KEY);
    Opener opener = Opener.keyed(TestVector.KEY);
    byte[] first = sealer.encode(TestVector.PAYLOAD);
    assertTrue(opener.open(first).accepted());
    int senderId = sealer.senderId();

    Warmup.sender(EnvelopeMode.SEAL, 100, SHORT);
    Warmup.receiver(
        List.of(EnvelopeMode.AUTH, EnvelopeMode.SEAL),
        100,
        SHORT,
        GROUP,
        throwaway -> (group, from, datagram) -> throwaway.open(datagram));

    assertEquals(senderId, sealer.senderId());
    assertEquals(1, sealer.nextSequence());
    assertSame(RejectReason.REPLAY, opener.open(first));
    assertTrue(opener.open(sealer.encode(TestVector.PAYLOAD)).accepted());
  }

  @Test
  void shouldTakeTheBranchesARealStreamTakesOnce() {
    List<Opener> openers = new ArrayList<>();
    Set<EnvelopeMode> modes = EnumSet.noneOf(EnvelopeMode.class);
    Set<Integer> senders = new HashSet<>();
    long[] previous = {-1};
    boolean[] gap = {false};
    long sealed =
        Warmup.receiver(
            List.of(EnvelopeMode.AUTH, EnvelopeMode.SEAL),
            1400,
            Duration.ofSeconds(1),
            GROUP,
            throwaway -> {
              openers.add(throwaway);
              previous[0] = -1;
              return (group, from, datagram) -> {
                assertSame(GROUP, group);
                Opened opened = (Opened) throwaway.open(datagram);
                modes.add(opened.mode());
                senders.add(opened.senderId());
                gap[0] |= previous[0] >= 0 && opened.sequence() > previous[0] + 1;
                previous[0] = opened.sequence();
              };
            });
    assertTrue(sealed > 0);
    assertTrue(openers.size() >= 2, "a new key and path: " + openers.size());
    assertEquals(openers.size(), senders.size());
    assertEquals(EnumSet.of(EnvelopeMode.AUTH, EnvelopeMode.SEAL), modes);
    assertTrue(gap[0], "a lost datagram now and then");
    byte[] real = Sealer.keyed(EnvelopeMode.AUTH, TestVector.KEY).encode(TestVector.PAYLOAD);
    for (Opener throwaway : openers) {
      assertSame(RejectReason.WRONG_KEY, throwaway.open(real), "throwaway keys only");
    }
  }

  @Test
  void shouldStopWhenItsTimeIsUp() {
    // A hundred times the budget: bound enough to show it stops, loose enough for a busy machine.
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> Warmup.sender(EnvelopeMode.AUTH, 1400, Duration.ofMillis(100)));
  }

  @Test
  void shouldRefuseSeqModeWhichHasNoKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Warmup.sender(EnvelopeMode.SEQ, 100, Duration.ofMillis(10)));
    assertEquals("mode SEQ has no key to warm up", e.getMessage());
  }
}
