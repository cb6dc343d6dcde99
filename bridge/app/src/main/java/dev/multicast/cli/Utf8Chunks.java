package dev.multicast.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a stream into chunks of at most {@code limit} bytes, as they arrive, without splitting a
 * UTF-8 character across two chunks. (A character longer than {@code limit} goes out alone, whole.)
 * Bytes that are not UTF-8 count as characters of one byte.
 */
final class Utf8Chunks {
  private final InputStream in;
  private final int limit;
  private final byte[] buffer;
  private int held;
  private boolean ended;

  Utf8Chunks(InputStream in, int limit) {
    this.in = in;
    this.limit = limit;
    this.buffer = new byte[limit + 3];
  }

  /** The next chunk, or null at the end of the stream. */
  byte[] next() throws IOException {
    while (true) {
      int cut = boundary();
      if (cut > 0 && (cut < held || ended || held >= limit)) {
        return take(cut);
      }
      if (ended) {
        return held == 0 ? null : take(held);
      }
      // Room up to the limit, or one byte at a time while completing a character longer than it.
      int room = held < limit ? limit - held : 1;
      int read = in.read(buffer, held, room);
      if (read < 0) {
        ended = true;
      } else {
        held += read;
        if (boundary() == held) {
          return take(held);
        }
      }
    }
  }

  /**
   * The longest prefix of the held bytes, at most {@code limit} long, that ends between characters;
   * a first character longer than the limit, alone; 0 when the first character is still incomplete.
   */
  private int boundary() {
    int position = 0;
    while (position < held) {
      int length = characterLength(position);
      if (length < 0) {
        break;
      }
      if (position + length > limit) {
        return position == 0 ? length : position;
      }
      position += length;
    }
    return position;
  }

  /** The length of the character at {@code position}; -1 when its bytes have not all come. */
  private int characterLength(int position) {
    int lead = buffer[position] & 0xff;
    int length = lead < 0xc0 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf8 ? 4 : 1;
    for (int i = 1; i < length; i++) {
      if (position + i >= held) {
        return -1;
      }
      if ((buffer[position + i] & 0xc0) != 0x80) {
        return 1; // a lead byte without its continuation: not UTF-8, one byte on its own
      }
    }
    return length;
  }

  private byte[] take(int length) {
    byte[] chunk = Arrays.copyOf(buffer, length);
    System.arraycopy(buffer, length, buffer, 0, held - length);
    held -= length;
    return chunk;
  }
}
