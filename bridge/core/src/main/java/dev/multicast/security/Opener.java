package dev.multicast.security;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.InstantSource;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Checks and opens envelopes. A receiver with keys accepts {@code auth} and {@code seal} envelopes
 * under those keys only (see {@link GroupKeys}); a receiver without one accepts {@code seq}
 * envelopes only. Nothing is ever let through unchecked: a plain datagram is {@link
 * RejectReason#MALFORMED}.
 *
 * <p>The checks, in order; the first that fails decides the {@link RejectReason}:
 *
 * <ol>
 *   <li>{@code OVERSIZE}: more than 65,507 bytes.
 *   <li>{@code MALFORMED}: the first four bytes are not the magic, version 1 and a known mode (a
 *       plain datagram, or one of fewer than four bytes).
 *   <li>{@code TRUNCATED}: shorter than the header and the mode's tag.
 *   <li>{@code MALFORMED}: sender id 0, or a seq envelope with a key id.
 *   <li>{@code WRONG_KEY}: a keyed envelope at a receiver without a key, a seq envelope at one with
 *       a key, or a key id it does not hold.
 *   <li>{@code FORGED}: the tag does not verify (compared in constant time).
 *   <li>{@code STALE}: the timestamp is further than the freshness window from this clock.
 *   <li>{@code REPLAY}: this sender's (epoch, sequence) was seen before or is older than the {@link
 *       ReplayWindow}. Only envelopes that got this far move the window.
 * </ol>
 *
 * Seq envelopes stop after step 5: without a tag, freshness and replay checks would protect
 * nothing, and duplicates are what a {@link LossCounter} is there to count.
 *
 * <p>Not thread-safe: one opener per receiving thread. Rejections allocate nothing, except in seal
 * mode, where the JDK's GCM takes a new parameter object per envelope and throws an exception for a
 * forged one.
 */
public final class Opener {
  /** How far a timestamp may be from the receiver's clock by default, either way. */
  public static final Duration DEFAULT_FRESHNESS = Duration.ofSeconds(30);

  // The keys it accepts, each with its MAC; null for a receiver without a key.
  private KeyEntry[] keys;
  private final long freshnessMillis;
  private final InstantSource clock;
  private final ReplayWindow replay;
  private final Cipher cipher;
  private final byte[] expectedTag = new byte[EnvelopeMode.AUTH.tagLength()];
  private final byte[] receivedTag = new byte[EnvelopeMode.AUTH.tagLength()];
  private byte[] scratch;

  private record KeyEntry(GroupKey key, Mac mac) {}

  private Opener(GroupKeys keys, Duration freshness, InstantSource clock) {
    this.keys = keys == null ? null : entries(keys, new KeyEntry[0]);
    this.freshnessMillis = freshness.toMillis();
    this.clock = clock;
    this.replay = keys == null ? null : new ReplayWindow();
    this.cipher = keys == null ? null : Crypto.gcm();
  }

  /** {@return an opener of seq envelopes, for a receiver without a key} */
  public static Opener unkeyed() {
    return new Opener(null, DEFAULT_FRESHNESS, InstantSource.system());
  }

  /**
   * {@return an opener of auth and seal envelopes under {@code key}, fresh within 30 seconds}
   *
   * @param key the group's key
   */
  public static Opener keyed(GroupKey key) {
    return keyed(key, DEFAULT_FRESHNESS, InstantSource.system());
  }

  /**
   * An opener of auth and seal envelopes under {@code key}.
   *
   * @param key the group's key
   * @param freshness how far a timestamp may be from {@code clock}, either way; positive
   * @param clock the receiver's clock
   * @return the opener
   */
  public static Opener keyed(GroupKey key, Duration freshness, InstantSource clock) {
    return keyed(GroupKeys.of(key), freshness, clock);
  }

  /**
   * An opener of auth and seal envelopes under any of {@code keys}, picked by the envelope's key
   * id.
   *
   * @param keys the group's keys
   * @param freshness how far a timestamp may be from {@code clock}, either way; positive
   * @param clock the receiver's clock
   * @return the opener
   * @throws IllegalArgumentException when {@code freshness} is not positive
   */
  public static Opener keyed(GroupKeys keys, Duration freshness, InstantSource clock) {
    if (freshness.isNegative() || freshness.isZero()) {
      throw new IllegalArgumentException("freshness " + freshness + " is not positive");
    }
    return new Opener(keys, freshness, clock);
  }

  /**
   * Accepts {@code keys} from now on instead of the keys it had, as when its key file was rotated;
   * what it saw so far still counts against replays. Called from the thread that opens.
   *
   * @param newKeys the keys to accept
   * @throws IllegalStateException for an opener without a key, which stays without one
   */
  public void rekey(GroupKeys newKeys) {
    if (keys == null) {
      throw new IllegalStateException("an opener without a key takes no key");
    }
    keys = entries(newKeys, keys);
  }

  /** The entries of {@code keys}, keeping the MACs of those already known. */
  private static KeyEntry[] entries(GroupKeys keys, KeyEntry[] known) {
    KeyEntry[] entries = new KeyEntry[keys.all().size()];
    for (int i = 0; i < entries.length; i++) {
      GroupKey key = keys.all().get(i);
      KeyEntry entry = null;
      for (KeyEntry old : known) {
        if (old.key().keyId() == key.keyId()) {
          entry = old;
        }
      }
      entries[i] = entry != null ? entry : new KeyEntry(key, Crypto.mac(key));
    }
    return entries;
  }

  /** The key an envelope names, or null when this opener does not hold it. */
  private KeyEntry find(int keyId) {
    for (KeyEntry entry : keys) {
      if (entry.key().keyId() == keyId) {
        return entry;
      }
    }
    return null;
  }

  /**
   * Checks and opens one datagram; see the class comment for the order of checks.
   *
   * @param datagram the whole datagram, envelope header included
   * @return the opened envelope, or why it was rejected
   */
  public OpenResult open(byte[] datagram) {
    return open(datagram, 0, datagram.length);
  }

  /**
   * Checks and opens the buffer's remaining bytes, leaving its position where it was.
   *
   * @param datagram the whole datagram, envelope header included, from position to limit
   * @return the opened envelope, or why it was rejected
   */
  public OpenResult open(ByteBuffer datagram) {
    int length = datagram.remaining();
    if (length > Envelope.MAX_LENGTH) {
      return RejectReason.OVERSIZE;
    }
    if (datagram.hasArray()) {
      return open(datagram.array(), datagram.arrayOffset() + datagram.position(), length);
    }
    if (scratch == null) {
      scratch = new byte[Envelope.MAX_LENGTH];
    }
    datagram.get(datagram.position(), scratch, 0, length);
    return open(scratch, 0, length);
  }

  private OpenResult open(byte[] in, int at, int length) {
    if (length > Envelope.MAX_LENGTH) {
      return RejectReason.OVERSIZE;
    }
    EnvelopeMode mode = modeOf(in, at, length);
    if (mode == null) {
      return RejectReason.MALFORMED;
    }
    int payloadLength = length - Envelope.HEADER_LENGTH - mode.tagLength();
    if (payloadLength < 0) {
      return RejectReason.TRUNCATED;
    }
    int keyId = Envelope.readInt(in, at + Envelope.KEY_ID_OFFSET);
    int senderId = Envelope.readInt(in, at + Envelope.SENDER_ID_OFFSET);
    if (senderId == 0 || (mode == EnvelopeMode.SEQ && keyId != 0)) {
      return RejectReason.MALFORMED;
    }
    if (mode.isKeyed() != (keys != null)) {
      return RejectReason.WRONG_KEY;
    }
    KeyEntry entry = mode.isKeyed() ? find(keyId) : null;
    if (mode.isKeyed() && entry == null) {
      return RejectReason.WRONG_KEY;
    }
    long epoch = Envelope.readUnsignedInt(in, at + Envelope.EPOCH_OFFSET);
    long sequence = Envelope.readUnsignedInt(in, at + Envelope.SEQUENCE_OFFSET);
    long timestamp = Envelope.readLong(in, at + Envelope.TIMESTAMP_OFFSET);
    byte[] payload;
    switch (mode) {
      case AUTH -> {
        if (!verifyMac(entry.mac(), in, at, payloadLength)) {
          return RejectReason.FORGED;
        }
        payload = new byte[payloadLength];
        System.arraycopy(in, at + Envelope.HEADER_LENGTH, payload, 0, payloadLength);
      }
      case SEAL -> {
        payload = decrypt(entry.key(), in, at, payloadLength);
        if (payload == null) {
          return RejectReason.FORGED;
        }
      }
      default -> {
        payload = new byte[payloadLength];
        System.arraycopy(in, at + Envelope.HEADER_LENGTH, payload, 0, payloadLength);
        return new Opened(mode, senderId, epoch, sequence, timestamp, payload);
      }
    }
    long now = clock.millis();
    if (timestamp < now - freshnessMillis || timestamp > now + freshnessMillis) {
      return RejectReason.STALE;
    }
    if (!replay.accept(senderId, epoch, sequence)) {
      return RejectReason.REPLAY;
    }
    return new Opened(mode, senderId, epoch, sequence, timestamp, payload);
  }

  /** The mode of an envelope's first four bytes, or null when they are not magic, 1 and a mode. */
  private static EnvelopeMode modeOf(byte[] in, int at, int length) {
    if (length < 4
        || in[at] != Envelope.MAGIC_0
        || in[at + 1] != Envelope.MAGIC_1
        || in[at + Envelope.VERSION_OFFSET] != Envelope.VERSION) {
      return null;
    }
    return EnvelopeMode.ofCode(in[at + Envelope.MODE_OFFSET]);
  }

  private boolean verifyMac(Mac mac, byte[] in, int at, int payloadLength) {
    int signed = Envelope.HEADER_LENGTH + payloadLength;
    mac.update(in, at, signed);
    try {
      mac.doFinal(expectedTag, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the tag buffer fits a SHA-256 tag", e);
    }
    System.arraycopy(in, at + signed, receivedTag, 0, receivedTag.length);
    // Constant time, so the time taken tells a forger nothing about how much of the tag was right.
    return MessageDigest.isEqual(expectedTag, receivedTag);
  }

  /** The payload decrypted, or null when the tag does not verify. */
  private byte[] decrypt(GroupKey key, byte[] in, int at, int payloadLength) {
    try {
      cipher.init(
          Cipher.DECRYPT_MODE,
          key.sealKey(),
          new GCMParameterSpec(
              Crypto.GCM_TAG_BITS, in, at + Envelope.NONCE_OFFSET, Envelope.NONCE_LENGTH));
      cipher.updateAAD(in, at, Envelope.HEADER_LENGTH);
      byte[] payload = new byte[payloadLength];
      cipher.doFinal(
          in,
          at + Envelope.HEADER_LENGTH,
          payloadLength + EnvelopeMode.SEAL.tagLength(),
          payload,
          0);
      return payload;
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot open a seal envelope", e);
    }
  }
}
