package dev.multicast.security;

import dev.multicast.core.Datagram;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The envelope format, version 1: a 28-byte header, the payload, then a tag. All integers are
 * big-endian.
 *
 * <pre>
 * offset size field
 *      0    2 magic 0xFF 0x4D (0xFF never starts UTF-8 text, so plain text is never mistaken)
 *      2    1 version, 1
 *      3    1 mode: 0 seq, 1 auth, 2 seal ({@link EnvelopeMode})
 *      4    4 key id ({@link GroupKey#keyId()}; 0 in seq mode)
 *      8    4 sender id, random per process, never 0
 *     12    4 epoch, unsigned: the sender's start in Unix seconds, moved on when the sequence wraps
 *     16    4 sequence number, unsigned, 0 for the first datagram of an epoch
 *     20    8 timestamp, Unix milliseconds
 *     28    n payload: clear text in seq and auth mode, cipher text in seal mode
 *   28+n    t tag: auth 32 bytes of HMAC-SHA256 over bytes [0, 28+n); seal the 16-byte GCM tag,
 *             with the header as additional authenticated data; seq none
 * </pre>
 *
 * <p>The GCM nonce is bytes 8 to 20 of the header: sender id, epoch and sequence. It is unique
 * under one key as long as (sender id, epoch) is, which is why a {@link Sealer} starts a new epoch
 * rather than let its sequence wrap.
 */
public final class Envelope {
  /** Bytes of header before the payload. */
  public static final int HEADER_LENGTH = 28;

  /** The largest envelope: it must fit in one UDP datagram. */
  public static final int MAX_LENGTH = Datagram.MAX_PAYLOAD;

  static final byte MAGIC_0 = (byte) 0xFF;
  static final byte MAGIC_1 = 0x4D;
  static final byte VERSION = 1;

  static final int VERSION_OFFSET = 2;
  static final int MODE_OFFSET = 3;
  static final int KEY_ID_OFFSET = 4;
  static final int SENDER_ID_OFFSET = 8;
  static final int EPOCH_OFFSET = 12;
  static final int SEQUENCE_OFFSET = 16;
  static final int TIMESTAMP_OFFSET = 20;

  /** Where the GCM nonce starts in the header, and its length. */
  static final int NONCE_OFFSET = SENDER_ID_OFFSET;

  static final int NONCE_LENGTH = 12;

  /** One more than the largest unsigned 32-bit value: the range of epochs and sequences. */
  static final long UINT32_RANGE = 1L << 32;

  // Views that read and write big-endian numbers straight in a byte array, without a ByteBuffer.
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private Envelope() {}

  static void writeHeader(
      byte[] out,
      int at,
      EnvelopeMode mode,
      int keyId,
      int senderId,
      long epoch,
      long sequence,
      long timestamp) {
    out[at] = MAGIC_0;
    out[at + 1] = MAGIC_1;
    out[at + VERSION_OFFSET] = VERSION;
    out[at + MODE_OFFSET] = (byte) mode.code();
    INT.set(out, at + KEY_ID_OFFSET, keyId);
    INT.set(out, at + SENDER_ID_OFFSET, senderId);
    INT.set(out, at + EPOCH_OFFSET, (int) epoch);
    INT.set(out, at + SEQUENCE_OFFSET, (int) sequence);
    LONG.set(out, at + TIMESTAMP_OFFSET, timestamp);
  }

  static int readInt(byte[] in, int at) {
    return (int) INT.get(in, at);
  }

  static long readUnsignedInt(byte[] in, int at) {
    return Integer.toUnsignedLong(readInt(in, at));
  }

  static long readLong(byte[] in, int at) {
    return (long) LONG.get(in, at);
  }
}
