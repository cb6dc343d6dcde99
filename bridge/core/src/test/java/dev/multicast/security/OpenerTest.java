package dev.multicast.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenerTest {
  @ParameterizedTest
  @EnumSource(
      value = EnvelopeMode.class,
      names = {"AUTH", "SEAL"})
  void keyedOpenerAcceptsBothKeyedModes(EnvelopeMode mode) {
    Opened opened = (Opened) TestVector.opener().open(envelope(mode));
    assertEquals(mode, opened.mode());
    assertArrayEquals(TestVector.PAYLOAD, opened.payload());
  }

  @Test
  void anotherKeyIsWrongKey() {
    Opener other = Opener.keyed(GroupKey.generate(), Opener.DEFAULT_FRESHNESS, TestVector.CLOCK);
    assertEquals(RejectReason.WRONG_KEY, other.open(envelope(EnvelopeMode.AUTH)));
  }

  @Test
  void seqEnvelopeAtKeyedOpenerIsWrongKey() {
    assertEquals(RejectReason.WRONG_KEY, TestVector.opener().open(envelope(EnvelopeMode.SEQ)));
  }

  @ParameterizedTest
  @EnumSource(
      value = EnvelopeMode.class,
      names = {"AUTH", "SEAL"})
  void keyedEnvelopeAtUnkeyedOpenerIsWrongKey(EnvelopeMode mode) {
    assertEquals(RejectReason.WRONG_KEY, Opener.unkeyed().open(envelope(mode)));
  }

  @Test
  void unkeyedOpenerReadsSeqEnvelopes() {
    Opened opened = (Opened) Opener.unkeyed().open(envelope(EnvelopeMode.SEQ));
    assertEquals(TestVector.SENDER_ID, opened.senderId());
    assertEquals(TestVector.EPOCH, opened.epoch());
    assertEquals(TestVector.SEQUENCE, opened.sequence());
    assertEquals(Instant.ofEpochMilli(TestVector.TIMESTAMP), opened.sentAt());
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello", "", "\u00ffM"})
  void plainDatagramIsMalformedForEitherOpener(String text) {
    byte[] plain = text.getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(RejectReason.MALFORMED, TestVector.opener().open(plain));
    assertEquals(RejectReason.MALFORMED, Opener.unkeyed().open(plain));
  }

  @Test
  void unknownVersionIsMalformed() {
    byte[] envelope = envelope(EnvelopeMode.AUTH);
    envelope[Envelope.VERSION_OFFSET] = 2;
    assertEquals(RejectReason.MALFORMED, TestVector.opener().open(envelope));
  }

  @Test
  void unknownModeIsMalformed() {
    byte[] envelope = envelope(EnvelopeMode.AUTH);
    envelope[Envelope.MODE_OFFSET] = 3;
    assertEquals(RejectReason.MALFORMED, TestVector.opener().open(envelope));
  }

  @Test
  void senderIdZeroIsMalformed() {
    byte[] envelope = envelope(EnvelopeMode.SEQ);
    envelope[8] = envelope[9] = envelope[10] = envelope[11] = 0;
    assertEquals(RejectReason.MALFORMED, Opener.unkeyed().open(envelope));
  }

  @Test
  void seqEnvelopeWithKeyIdIsMalformed() {
    byte[] envelope = envelope(EnvelopeMode.SEQ);
    envelope[Envelope.KEY_ID_OFFSET] = 1;
    assertEquals(RejectReason.MALFORMED, Opener.unkeyed().open(envelope));
  }

  @ParameterizedTest
  @EnumSource(EnvelopeMode.class)
  void envelopeShorterThanHeaderAndTagIsTruncated(EnvelopeMode mode) {
    Opener opener = mode.isKeyed() ? TestVector.opener() : Opener.unkeyed();
    byte[] envelope = TestVector.sealer(mode).encode(new byte[0]);
    for (int length = 4; length < envelope.length; length++) {
      assertEquals(
          RejectReason.TRUNCATED,
          opener.open(ByteBuffer.wrap(envelope, 0, length)),
          "length " + length);
    }
  }

  @Test
  void datagramLargerThan65507BytesIsOversize() {
    byte[] envelope = new byte[Envelope.MAX_LENGTH + 1];
    System.arraycopy(envelope(EnvelopeMode.AUTH), 0, envelope, 0, 4);
    assertEquals(RejectReason.OVERSIZE, TestVector.opener().open(envelope));
  }

  @Test
  void secondCopyIsReplay() {
    Opener opener = TestVector.opener();
    byte[] envelope = envelope(EnvelopeMode.SEAL);
    opener.open(envelope);
    assertEquals(RejectReason.REPLAY, opener.open(envelope));
  }

  @Test
  void forgedCopyDoesNotUseUpItsSequenceNumber() {
    Opener opener = TestVector.opener();
    byte[] envelope = envelope(EnvelopeMode.AUTH);
    byte[] forged = envelope.clone();
    forged[Envelope.HEADER_LENGTH] ^= 1;
    assertEquals(RejectReason.FORGED, opener.open(forged));
    assertEquals(true, opener.open(envelope).accepted());
  }

  @ParameterizedTest
  @ValueSource(longs = {-30_001, 30_001})
  void timestampOutsideFreshnessIsStale(long offsetMillis) {
    assertEquals(RejectReason.STALE, openerAt(offsetMillis).open(envelope(EnvelopeMode.AUTH)));
  }

  @ParameterizedTest
  @ValueSource(longs = {-30_000, 30_000})
  void timestampAtTheEdgeOfFreshnessIsAccepted(long offsetMillis) {
    assertEquals(true, openerAt(offsetMillis).open(envelope(EnvelopeMode.SEAL)).accepted());
  }

  @Test
  void freshnessIsConfigurable() {
    Opener opener =
        Opener.keyed(
            TestVector.KEY,
            Duration.ofSeconds(5),
            InstantSource.fixed(Instant.ofEpochMilli(TestVector.TIMESTAMP + 6_000)));
    assertEquals(RejectReason.STALE, opener.open(envelope(EnvelopeMode.AUTH)));
  }

  @Test
  void seqEnvelopesAreNeitherTimedNorDeduplicated() {
    Opener opener = Opener.unkeyed();
    byte[] envelope = envelope(EnvelopeMode.SEQ); // stamped in 2026, whatever the clock says
    assertEquals(true, opener.open(envelope).accepted());
    assertEquals(true, opener.open(envelope).accepted());
  }

  @Test
  void opensDirectBufferLeavingItsPosition() {
    byte[] envelope = envelope(EnvelopeMode.SEAL);
    ByteBuffer buffer = ByteBuffer.allocateDirect(envelope.length).put(envelope).flip();
    Opened opened = (Opened) TestVector.opener().open(buffer);
    assertArrayEquals(TestVector.PAYLOAD, opened.payload());
    assertEquals(0, buffer.position());
  }

  @Test
  void opensHeapBufferFromItsPositionInItsArray() {
    byte[] envelope = envelope(EnvelopeMode.AUTH);
    ByteBuffer buffer = ByteBuffer.allocate(envelope.length + 5).position(2).slice();
    buffer.position(3).put(envelope).flip().position(3);
    assertEquals(true, TestVector.opener().open(buffer).accepted());
  }

  @Test
  void refusesFreshnessThatIsNotPositive() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Opener.keyed(TestVector.KEY, Duration.ZERO, TestVector.CLOCK));
    assertEquals("freshness PT0S is not positive", e.getMessage());
  }

  private static byte[] envelope(EnvelopeMode mode) {
    return TestVector.sealer(mode).encode(TestVector.PAYLOAD);
  }

  private static Opener openerAt(long offsetMillis) {
    return Opener.keyed(
        TestVector.KEY,
        Opener.DEFAULT_FRESHNESS,
        InstantSource.fixed(Instant.ofEpochMilli(TestVector.TIMESTAMP + offsetMillis)));
  }
}
