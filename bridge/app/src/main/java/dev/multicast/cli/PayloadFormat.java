package dev.multicast.cli;

/** How RECV writes each datagram on standard output. */
enum PayloadFormat {
  /** The payload's raw bytes and a newline. */
  TEXT,
  /**
   * One JSON object a line: group, port, source, sourcePort, size, payload, encoding, received; for
   * an envelope also senderId, epoch, sequence, sent and mode.
   */
  JSON,
  /** The payload in lower-case hexadecimal and a newline. */
  HEX,
  /** The payload in Base64 and a newline. */
  BASE64
}
