package dev.multicast.cli;

/** How RECV writes each datagram on standard output. */
enum PayloadFormat {
  /** The payload's raw bytes and a newline. */
  TEXT,
  /** One JSON object a line: group, port, source, sourcePort, size, payload, received. */
  JSON,
  /** The payload in lower-case hexadecimal and a newline. */
  HEX,
  /** The payload in Base64 and a newline. */
  BASE64
}
