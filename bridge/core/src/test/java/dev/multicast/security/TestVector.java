package dev.multicast.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;

/**
 * The published test vector (docs/secure-groups.md, src/test/python/envelope_vector.py): fixed key,
 * sender, epoch, sequence, timestamp and payload, and the exact envelopes they make.
 */
final class TestVector {
  static final byte[] KEY_BYTES = new byte[GroupKey.LENGTH];

  static {
    for (int i = 0; i < KEY_BYTES.length; i++) {
      KEY_BYTES[i] = (byte) i;
    }
  }

  static final GroupKey KEY = GroupKey.of(KEY_BYTES);
  static final int KEY_ID = 0xfa7998f4;
  static final int SENDER_ID = 0x01020304;
  static final long EPOCH = 1_767_225_600L; // 2026-01-01T00:00:00Z
  static final long SEQUENCE = 7;
  static final long TIMESTAMP = 1_767_225_600_123L;
  static final byte[] PAYLOAD = "hello".getBytes(StandardCharsets.US_ASCII);

  /** A clock that reads the vector's timestamp, so its envelopes are fresh. */
  static final InstantSource CLOCK = InstantSource.fixed(Instant.ofEpochMilli(TIMESTAMP));

  static final String AUTH =
      "ff4d0101fa7998f4010203046955b900000000070000019b76daa87b68656c6c6f"
          + "753e3610375f868555216b5716286e1369cd7b586ad01e5c97a2f4ba4d38ce12";
  static final String SEAL =
      "ff4d0102fa7998f4010203046955b900000000070000019b76daa87b9c26463bbb"
          + "89c09a7c810d63d39d55393f59edbf9d";
  static final String SEQ = "ff4d010000000000010203046955b900000000070000019b76daa87b68656c6c6f";

  private TestVector() {}

  /** A sealer in the vector's state. */
  static Sealer sealer(EnvelopeMode mode) {
    return new Sealer(mode, mode.isKeyed() ? KEY : null, SENDER_ID, EPOCH, SEQUENCE, CLOCK);
  }

  /** A keyed opener whose clock reads the vector's timestamp. */
  static Opener opener() {
    return Opener.keyed(KEY, Opener.DEFAULT_FRESHNESS, CLOCK);
  }

  static byte[] bytes(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
