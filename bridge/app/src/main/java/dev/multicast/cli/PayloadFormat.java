package dev.multicast.cli;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;

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
  BASE64;

  /** The names as help writes them and completion offers them: text, json, hex, base64. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).iterator();
    }
  }
}
