package dev.multicast.security;

/** What an envelope proves about its payload, written in its header's mode byte. */
public enum EnvelopeMode {
  /** No key and no tag: sequence numbers only, to measure loss. Anyone can forge it. */
  SEQ(0, 0),
  /** The payload in clear text, with an HMAC-SHA256 tag over header and payload. */
  AUTH(1, 32),
  /** The payload encrypted with AES-256-GCM; the header is authenticated with it. */
  SEAL(2, 16);

  private static final EnvelopeMode[] BY_CODE = values();

  private final int code;
  private final int tagLength;

  EnvelopeMode(int code, int tagLength) {
    this.code = code;
    this.tagLength = tagLength;
  }

  /** {@return the mode byte on the wire} */
  public int code() {
    return code;
  }

  /** {@return the bytes of tag after the payload} */
  public int tagLength() {
    return tagLength;
  }

  /** {@return the largest payload an envelope of this mode carries in one datagram, in bytes} */
  public int maxPayload() {
    return Envelope.MAX_LENGTH - Envelope.HEADER_LENGTH - tagLength;
  }

  /** {@return whether this mode needs a group key} */
  public boolean isKeyed() {
    return this != SEQ;
  }

  /** The mode of a mode byte, or null for a byte no mode has (so decoding never throws). */
  static EnvelopeMode ofCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
