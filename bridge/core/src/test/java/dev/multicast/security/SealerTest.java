package dev.multicast.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.multicast.core.MulticastException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SealerTest {
  private static final long LAST = 0xFFFF_FFFFL;

  @Test
  void newSealerStartsAtSequenceZeroInTheCurrentSecond() {
    Sealer sealer = Sealer.keyed(EnvelopeMode.AUTH, TestVector.KEY);
    long now = System.currentTimeMillis() / 1000;
    assertEquals(0, sealer.nextSequence());
    assertEquals(now, sealer.epoch(), 2);
    assertNotEquals(0, sealer.senderId());
  }

  @Test
  void eachEnvelopeTakesTheNextSequenceNumber() {
    Sealer sealer = TestVector.sealer(EnvelopeMode.SEAL);
    sealer.encode(TestVector.PAYLOAD);
    assertEquals(TestVector.SEQUENCE + 1, sealer.nextSequence());
  }

  @Test
  void wrappingSequenceMovesToTheNextEpochNeverReusingANonce() {
    Sealer sealer =
        new Sealer(EnvelopeMode.SEAL, TestVector.KEY, 9, TestVector.EPOCH, LAST, TestVector.CLOCK);
    byte[] last = sealer.encode(TestVector.PAYLOAD);
    byte[] first = sealer.encode(TestVector.PAYLOAD);
    assertEquals(TestVector.EPOCH + 1, Envelope.readUnsignedInt(first, Envelope.EPOCH_OFFSET));
    assertEquals(0, Envelope.readUnsignedInt(first, Envelope.SEQUENCE_OFFSET));
    assertNotEquals(Arrays.toString(nonce(last)), Arrays.toString(nonce(first)));
  }

  @Test
  void wrappingSequenceMovesToNowWhenThatIsLaterThanTheNextEpoch() {
    InstantSource later = InstantSource.fixed(Instant.ofEpochSecond(TestVector.EPOCH + 3600));
    Sealer sealer = new Sealer(EnvelopeMode.AUTH, TestVector.KEY, 9, TestVector.EPOCH, LAST, later);
    sealer.encode(TestVector.PAYLOAD);
    assertEquals(TestVector.EPOCH + 3600, sealer.epoch());
    assertEquals(0, sealer.nextSequence());
  }

  @Test
  void refusesToSendOnceNoEpochIsLeft() {
    Sealer sealer = new Sealer(EnvelopeMode.SEAL, TestVector.KEY, 9, LAST, LAST, TestVector.CLOCK);
    sealer.encode(TestVector.PAYLOAD);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> sealer.encode(TestVector.PAYLOAD));
    assertEquals("epochs exhausted: this sealer cannot send any more", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(EnvelopeMode.class)
  void largestPayloadFillsOneDatagram(EnvelopeMode mode) {
    byte[] envelope = TestVector.sealer(mode).encode(new byte[mode.maxPayload()]);
    assertEquals(Envelope.MAX_LENGTH, envelope.length);
  }

  @ParameterizedTest
  @EnumSource(EnvelopeMode.class)
  void refusesPayloadLargerThanOneEnvelopeCarries(EnvelopeMode mode) {
    MulticastException e =
        assertThrows(
            MulticastException.class,
            () -> TestVector.sealer(mode).encode(new byte[mode.maxPayload() + 1]));
    assertEquals(MulticastException.Reason.TOO_LARGE, e.reason());
    assertEquals(
        "a message of "
            + (mode.maxPayload() + 1)
            + " bytes is larger than one "
            + mode
            + " envelope can carry (at most "
            + mode.maxPayload()
            + " bytes)",
        e.getMessage());
  }

  @Test
  void refusesBufferTooSmallForTheEnvelope() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TestVector.sealer(EnvelopeMode.AUTH).encode(new byte[5], 0, 5, new byte[64], 0));
    assertEquals("an envelope of 65 bytes does not fit in 64 bytes of buffer", e.getMessage());
  }

  @Test
  void encodesFromAndIntoDirectBuffersAsIntoArrays() {
    ByteBuffer payload = ByteBuffer.allocateDirect(16).put(TestVector.PAYLOAD).flip();
    ByteBuffer out = ByteBuffer.allocateDirect(Envelope.MAX_LENGTH);
    int length = TestVector.sealer(EnvelopeMode.SEAL).encode(payload, out);
    byte[] envelope = new byte[length];
    out.flip().get(envelope);
    assertEquals(TestVector.SEAL, TestVector.hex(envelope));
    assertEquals(0, payload.remaining());
  }

  @Test
  void keyedSealerRefusesSeqMode() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Sealer.keyed(EnvelopeMode.SEQ, TestVector.KEY));
    assertEquals("mode SEQ takes no key (expected AUTH or SEAL)", e.getMessage());
  }

  private static byte[] nonce(byte[] envelope) {
    return Arrays.copyOfRange(
        envelope, Envelope.NONCE_OFFSET, Envelope.NONCE_OFFSET + Envelope.NONCE_LENGTH);
  }
}
