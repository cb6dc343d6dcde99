package dev.multicast.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a stream into chunks of at most {@code limit} bytes, as they arrive, without splitting a
 * UTF-8 character across two chunks. (When {@code limit} is smaller than one character, that
 * character goes out whole.) Bytes that are not UTF-8 are cut at the limit.
 */
final class Utf8Chunks {
  private final InputStream in;
  private final int limit;
  private final byte[] buffer;
  private int held;

  Utf8Chunks(InputStream in, int limit) {
    this.in = in;
    this.limit = limit;
    this.buffer = new byte[limit + 3];
  }

  /** The next chunk, or null at the end of the stream. */
  byte[] next() throws IOException {
    while (true) {
      int room = (held < limit ? limit : limit + 3) - held;
      int read = in.read(buffer, held, room);
      if (read < 0) {
        return held == 0 ? null : take(held);
      }
      int end = held + read;
      int cut = completeLength(buffer, end);
      if (cut > 0) {
        return take(cut, end);
      }
      held = end;
    }
  }

  private byte[] take(int length) {
    return take(length, length);
  }

  /** Returns the first {@code length} bytes and keeps the rest, up to {@code end}, for later. */
  private byte[] take(int length, int end) {
    byte[] chunk = Arrays.copyOf(buffer, length);
    System.arraycopy(buffer, length, buffer, 0, end - length);
    held = end - length;
    return chunk;
  }

  /** How many of the first {@code end} bytes end on a character boundary. */
  static int completeLength(byte[] bytes, int end) {
    for (int back = 1; back <= Math.min(4, end); back++) {
      int b = bytes[end - back] & 0xff;
      if ((b & 0xc0) == 0x80) {
        continue; // a continuation byte: its lead byte is further back
      }
      int length = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return back < length ? end - back : end;
    }
    return end;
  }
}
