package dev.multicast.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Round trips and tampering over random payloads, senders, epochs and sequence numbers. */
class EnvelopePropertiesTest {
  /** A mode and a payload size that fits it. */
  record Sized(EnvelopeMode mode, int size) {}

  @Property(tries = 300)
  void everyEnvelopeOpensToWhatWasSealed(
      @ForAll("sizedPayloads") Sized sized,
      @ForAll long seed,
      @ForAll int senderId,
      @ForAll @LongRange(max = 0xFFFF_FFFFL) long epoch,
      @ForAll @LongRange(max = 0xFFFF_FFFFL) long sequence) {
    int sender = senderId == 0 ? 1 : senderId;
    byte[] payload = new byte[sized.size()];
    new Random(seed).nextBytes(payload);
    EnvelopeMode mode = sized.mode();
    GroupKey key = mode.isKeyed() ? TestVector.KEY : null;
    byte[] envelope =
        new Sealer(mode, key, sender, epoch, sequence, TestVector.CLOCK).encode(payload);

    Opener opener = mode.isKeyed() ? TestVector.opener() : Opener.unkeyed();
    Opened opened = (Opened) opener.open(envelope);

    assertEquals(Envelope.HEADER_LENGTH + payload.length + mode.tagLength(), envelope.length);
    assertEquals(
        List.of(mode, sender, epoch, sequence, TestVector.TIMESTAMP),
        List.of(
            opened.mode(),
            opened.senderId(),
            opened.epoch(),
            opened.sequence(),
            opened.timestamp()));
    assertArrayEquals(payload, opened.payload());
  }

  @Property(tries = 2000)
  void changedByteIsRejectedForTheReasonItsFieldGives(
      @ForAll("keyedModes") EnvelopeMode mode,
      @ForAll @IntRange(max = 64) int payloadSize,
      @ForAll @IntRange(max = 10_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int mask) {
    byte[] envelope = TestVector.sealer(mode).encode(new byte[payloadSize]);
    int at = position % envelope.length;
    assertTamperedIsRejected(mode, envelope, at, mask);
  }

  @Example
  void everyByteOfTheVectorEnvelopesIsProtected() {
    for (EnvelopeMode mode : new EnvelopeMode[] {EnvelopeMode.AUTH, EnvelopeMode.SEAL}) {
      byte[] envelope = TestVector.sealer(mode).encode(TestVector.PAYLOAD);
      for (int at = 0; at < envelope.length; at++) {
        for (int mask : new int[] {0x01, 0x80, 0xFF}) {
          assertTamperedIsRejected(mode, envelope, at, mask);
        }
      }
    }
  }

  @Provide
  Arbitrary<Sized> sizedPayloads() {
    return Arbitraries.of(EnvelopeMode.class)
        .flatMap(
            mode ->
                Arbitraries.integers()
                    .between(0, mode.maxPayload())
                    .map(size -> new Sized(mode, size)));
  }

  @Provide
  Arbitrary<EnvelopeMode> keyedModes() {
    return Arbitraries.of(EnvelopeMode.AUTH, EnvelopeMode.SEAL);
  }

  private static void assertTamperedIsRejected(
      EnvelopeMode mode, byte[] envelope, int at, int mask) {
    byte[] tampered = envelope.clone();
    tampered[at] ^= (byte) mask;
    assertEquals(
        expectedReason(tampered, at),
        TestVector.opener().open(tampered),
        mode + " envelope of " + envelope.length + " bytes, byte " + at + " ^ " + mask);
  }

  /** What the format says a keyed receiver makes of an envelope with byte {@code at} changed. */
  private static RejectReason expectedReason(byte[] tampered, int at) {
    if (at < Envelope.MODE_OFFSET) {
      return RejectReason.MALFORMED; // magic or version
    }
    if (at == Envelope.MODE_OFFSET) {
      EnvelopeMode read = EnvelopeMode.ofCode(tampered[at]);
      if (read == null || read == EnvelopeMode.SEQ) {
        return RejectReason.MALFORMED; // no such mode, or seq with a key id
      }
      int payload = tampered.length - Envelope.HEADER_LENGTH - read.tagLength();
      return payload < 0 ? RejectReason.TRUNCATED : RejectReason.FORGED;
    }
    if (at < Envelope.SENDER_ID_OFFSET) {
      return RejectReason.WRONG_KEY;
    }
    if (at < Envelope.EPOCH_OFFSET && Envelope.readInt(tampered, Envelope.SENDER_ID_OFFSET) == 0) {
      return RejectReason.MALFORMED;
    }
    return RejectReason.FORGED; // the rest of the header, the payload or the tag
  }
}
