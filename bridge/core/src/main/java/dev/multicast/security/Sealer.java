package dev.multicast.security;

import dev.multicast.core.MulticastException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.InstantSource;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Wraps payloads in envelopes for one sender: it holds the sender id, epoch and next sequence
 * number, the key, and one Mac or Cipher reused for every datagram. Not thread-safe: one sealer per
 * sending thread.
 *
 * <pre>{@code
 * Sealer sealer = Sealer.keyed(EnvelopeMode.SEAL, GroupKey.read(path));
 * byte[] buffer = new byte[Envelope.MAX_LENGTH];
 * int length = sealer.encode(payload, 0, payload.length, buffer, 0);
 * sender.send(ByteBuffer.wrap(buffer, 0, length));
 * }</pre>
 *
 * <p>The GCM nonce is sender id, epoch and sequence number. The sender id is random and the epoch
 * starts at the start time in seconds, so two senders under one key share a nonce only if they draw
 * the same 32-bit id and their epochs meet. When the sequence number would wrap, the sealer moves
 * to the next epoch (or to now, if later), so it never repeats a nonce itself.
 */
public final class Sealer {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EnvelopeMode mode;
  private int keyId;
  private final int senderId;
  private final InstantSource clock;
  private Mac mac;
  private final Cipher cipher;
  private GroupKey key;
  private long epoch;
  private long sequence;
  private byte[] scratch;

  /** A sealer in a given state: what the factories use, and tests and test vectors. */
  Sealer(
      EnvelopeMode mode,
      GroupKey key,
      int senderId,
      long epoch,
      long sequence,
      InstantSource clock) {
    if ((key != null) != mode.isKeyed()) {
      throw new IllegalArgumentException(
          "mode " + mode + (key == null ? " needs" : " takes no") + " key");
    }
    if (senderId == 0) {
      throw new IllegalArgumentException("sender id 0 is reserved");
    }
    if (epoch < 0
        || epoch >= Envelope.UINT32_RANGE
        || sequence < 0
        || sequence >= Envelope.UINT32_RANGE) {
      throw new IllegalArgumentException(
          "epoch " + epoch + " or sequence " + sequence + " is not an unsigned 32-bit number");
    }
    this.mode = mode;
    this.key = key;
    this.keyId = key == null ? 0 : key.keyId();
    this.senderId = senderId;
    this.epoch = epoch;
    this.sequence = sequence;
    this.clock = clock;
    this.mac = mode == EnvelopeMode.AUTH ? Crypto.mac(key) : null;
    this.cipher = mode == EnvelopeMode.SEAL ? Crypto.gcm() : null;
  }

  /** {@return a sealer of seq envelopes: sequence numbers only, no key} */
  public static Sealer seq() {
    return starting(EnvelopeMode.SEQ, null, InstantSource.system());
  }

  /**
   * {@return a sealer of {@code auth} or {@code seal} envelopes under {@code key}}
   *
   * @param mode AUTH or SEAL
   * @param key the group's key
   */
  public static Sealer keyed(EnvelopeMode mode, GroupKey key) {
    return keyed(mode, key, InstantSource.system());
  }

  /**
   * A sealer of {@code auth} or {@code seal} envelopes under {@code key} that stamps them with
   * {@code clock}: the counterpart of {@link Opener#keyed(GroupKey, java.time.Duration,
   * InstantSource)}, for a sender whose clock is not the system's (a simulation, or a test of a
   * receiver's freshness window).
   *
   * @param mode AUTH or SEAL
   * @param key the group's key
   * @param clock stamps each envelope
   * @return the sealer
   * @throws IllegalArgumentException for SEQ, which takes no key
   */
  public static Sealer keyed(EnvelopeMode mode, GroupKey key, InstantSource clock) {
    if (!mode.isKeyed()) {
      throw new IllegalArgumentException("mode " + mode + " takes no key (expected AUTH or SEAL)");
    }
    return starting(mode, key, clock);
  }

  /**
   * A sealer with a random sender id, at sequence 0 of the epoch that is {@code clock}'s second.
   */
  private static Sealer starting(EnvelopeMode mode, GroupKey key, InstantSource clock) {
    int senderId;
    do {
      senderId = RANDOM.nextInt();
    } while (senderId == 0);
    return new Sealer(mode, key, senderId, clock.millis() / 1000, 0, clock);
  }

  /**
   * Seals with {@code newKey} from the next envelope on, as when the key file was rotated; the
   * sender id, epoch and sequence go on, so receivers counting loss see no gap.
   *
   * @param newKey the key to seal with
   * @throws IllegalStateException for a sealer without a key (seq), which stays without one
   */
  public void rekey(GroupKey newKey) {
    if (key == null) {
      throw new IllegalStateException("a " + mode + " sealer takes no key");
    }
    key = newKey;
    keyId = newKey.keyId();
    mac = mode == EnvelopeMode.AUTH ? Crypto.mac(newKey) : null;
  }

  /** {@return what the envelopes prove} */
  public EnvelopeMode mode() {
    return mode;
  }

  /** {@return this sender's random id, written in each envelope, never 0} */
  public int senderId() {
    return senderId;
  }

  /** {@return the epoch of the next envelope} */
  public long epoch() {
    return epoch;
  }

  /** {@return the sequence number of the next envelope} */
  public long nextSequence() {
    return sequence;
  }

  /**
   * Writes the envelope of {@code length} payload bytes at {@code out[outOffset]}, allocating
   * nothing for auth and seq.
   *
   * @param payload holds the payload
   * @param offset where it starts
   * @param length its bytes
   * @param out takes the envelope
   * @param outOffset where the envelope starts
   * @return the envelope's length: the header, the payload and the tag
   * @throws MulticastException (TOO_LARGE) when the payload exceeds {@link
   *     EnvelopeMode#maxPayload()}
   * @throws IllegalArgumentException when {@code out} has no room for the envelope
   */
  public int encode(byte[] payload, int offset, int length, byte[] out, int outOffset) {
    int envelopeLength = checkRoom(length, out.length - outOffset);
    Envelope.writeHeader(out, outOffset, mode, keyId, senderId, epoch, sequence, clock.millis());
    System.arraycopy(payload, offset, out, outOffset + Envelope.HEADER_LENGTH, length);
    try {
      if (mode == EnvelopeMode.AUTH) {
        mac.update(out, outOffset, Envelope.HEADER_LENGTH + length);
        mac.doFinal(out, outOffset + Envelope.HEADER_LENGTH + length);
      } else if (mode == EnvelopeMode.SEAL) {
        cipher.init(
            Cipher.ENCRYPT_MODE,
            key.sealKey(),
            new GCMParameterSpec(
                Crypto.GCM_TAG_BITS,
                out,
                outOffset + Envelope.NONCE_OFFSET,
                Envelope.NONCE_LENGTH));
        cipher.updateAAD(out, outOffset, Envelope.HEADER_LENGTH);
        int at = outOffset + Envelope.HEADER_LENGTH;
        cipher.doFinal(out, at, length, out, at);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot " + mode + " an envelope", e);
    }
    advance();
    return envelopeLength;
  }

  /**
   * {@return the envelope of {@code payload} as a new array}
   *
   * @param payload at most {@link EnvelopeMode#maxPayload()} bytes
   */
  public byte[] encode(byte[] payload) {
    checkPayload(payload.length);
    byte[] out = new byte[Envelope.HEADER_LENGTH + payload.length + mode.tagLength()];
    encode(payload, 0, payload.length, out, 0);
    return out;
  }

  /**
   * Writes the envelope of {@code payload}'s remaining bytes at {@code out}'s position, moving both
   * positions past what was read and written.
   *
   * @param payload read from position to limit
   * @param out takes the envelope
   * @return the envelope's length
   */
  public int encode(ByteBuffer payload, ByteBuffer out) {
    int length = payload.remaining();
    checkRoom(length, out.remaining());
    if (scratch == null) {
      scratch = new byte[Envelope.MAX_LENGTH];
    }
    // Copied through one reused array so that heap and direct buffers take the same path.
    payload.get(scratch, Envelope.HEADER_LENGTH, length);
    int envelopeLength = encode(scratch, Envelope.HEADER_LENGTH, length, scratch, 0);
    out.put(scratch, 0, envelopeLength);
    return envelopeLength;
  }

  /** The envelope length for a payload, after checking that it fits in one and in the room left. */
  private int checkRoom(int payloadLength, int room) {
    checkPayload(payloadLength);
    if (sequence == Envelope.UINT32_RANGE) {
      // Only in 2106, when no epoch is left: stopping beats reusing a nonce.
      throw new IllegalStateException("epochs exhausted: this sealer cannot send any more");
    }
    int envelopeLength = Envelope.HEADER_LENGTH + payloadLength + mode.tagLength();
    if (room < envelopeLength) {
      throw new IllegalArgumentException(
          "an envelope of "
              + envelopeLength
              + " bytes does not fit in "
              + room
              + " bytes of buffer");
    }
    return envelopeLength;
  }

  private void checkPayload(int length) {
    if (length > mode.maxPayload()) {
      throw new MulticastException(
          MulticastException.Reason.TOO_LARGE,
          "a message of "
              + length
              + " bytes is larger than one "
              + mode
              + " envelope can carry (at most "
              + mode.maxPayload()
              + " bytes)");
    }
  }

  /**
   * Moves to the next sequence number, or to the next epoch instead of wrapping; with no epoch
   * left, the sequence stays past the end and {@link #checkRoom} refuses to go on.
   */
  private void advance() {
    if (++sequence < Envelope.UINT32_RANGE) {
      return;
    }
    long next = Math.max(epoch + 1, clock.millis() / 1000);
    if (next < Envelope.UINT32_RANGE) {
      epoch = next;
      sequence = 0;
    }
  }
}
