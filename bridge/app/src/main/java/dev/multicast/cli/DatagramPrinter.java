package dev.multicast.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.multicast.core.Addresses;
import dev.multicast.core.DatagramHandler;
import dev.multicast.core.Group;
import dev.multicast.security.Opened;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Writes received datagrams to standard output in one {@link PayloadFormat}. Payloads go straight
 * from the receiver's buffer into one output buffer; the receive loop flushes whenever no more
 * datagrams are waiting, so bursts cost few writes and a reader still sees each datagram at once.
 * Nothing is allocated per datagram on the way: an unpaced stream is printed as fast as a bare
 * receiver takes it (bench/run), where a printer that keeps the kernel waiting loses datagrams.
 */
final class DatagramPrinter implements DatagramHandler, AutoCloseable {
  private static final SerializedString GROUP = new SerializedString("group");
  private static final SerializedString PORT = new SerializedString("port");
  private static final SerializedString SOURCE = new SerializedString("source");
  private static final SerializedString SOURCE_PORT = new SerializedString("sourcePort");
  private static final SerializedString SIZE = new SerializedString("size");
  private static final SerializedString PAYLOAD = new SerializedString("payload");
  private static final SerializedString ENCODING = new SerializedString("encoding");
  private static final SerializedString RECEIVED = new SerializedString("received");
  private static final SerializedString UTF_8 = new SerializedString("utf-8");
  private static final SerializedString BASE64 = new SerializedString("base64");
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;

  private final PayloadFormat format;
  private final OutputStream stdout;
  private final ByteBuffer pending = ByteBuffer.allocate(1 << 16);
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
  private final JsonGenerator json;
  private final Timestamps timestamps = new Timestamps();
  private byte[] scratch = new byte[2048];
  private Group lastGroup;
  private SerializedString lastGroupText;
  private InetAddress lastSource;
  private SerializedString lastSourceText;

  DatagramPrinter(PayloadFormat format, OutputStream stdout) {
    this.format = format;
    this.stdout = stdout;
    try {
      this.json =
          format == PayloadFormat.JSON
              ? new JsonFactory()
                  .setRootValueSeparator(null)
                  .createGenerator(new PendingStream(), JsonEncoding.UTF8)
              : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void onDatagram(Group group, InetSocketAddress source, ByteBuffer payload) {
    print(group, source, payload, null);
  }

  /** An envelope's payload; in JSON, with its sender id, epoch, sequence, mode and send time. */
  void onOpened(Group group, InetSocketAddress source, Opened opened) {
    print(group, source, ByteBuffer.wrap(opened.payload()), opened);
  }

  private void print(Group group, InetSocketAddress source, ByteBuffer payload, Opened opened) {
    try {
      switch (format) {
        case TEXT -> write(payload);
        case HEX -> hex(payload);
        case BASE64 -> base64(payload);
        case JSON -> json(group, source, payload, opened);
      }
      if (!pending.hasRemaining()) {
        drain();
      }
      pending.put((byte) '\n');
    } catch (IOException e) {
      throw new StandardOutputException(e);
    }
  }

  private void hex(ByteBuffer payload) throws IOException {
    int size = payload.remaining();
    write(HexFormat.of().formatHex(copy(payload), 0, size).getBytes(StandardCharsets.US_ASCII));
  }

  private void base64(ByteBuffer payload) throws IOException {
    write(Base64.getEncoder().encode(Arrays.copyOf(copy(payload), payload.remaining())));
  }

  private void json(Group group, InetSocketAddress source, ByteBuffer payload, Opened opened)
      throws IOException {
    int size = payload.remaining();
    json.writeStartObject();
    json.writeFieldName(GROUP);
    json.writeString(groupText(group));
    json.writeFieldName(PORT);
    json.writeNumber(group.port());
    json.writeFieldName(SOURCE);
    json.writeString(sourceText(source.getAddress()));
    json.writeFieldName(SOURCE_PORT);
    json.writeNumber(source.getPort());
    json.writeFieldName(SIZE);
    json.writeNumber(size);
    json.writeFieldName(PAYLOAD);
    byte[] bytes = copy(payload);
    boolean text = true;
    if (isPlainAscii(payload)) {
      json.writeRawUTF8String(bytes, 0, size);
    } else if (isUtf8(payload)) {
      json.writeUTF8String(bytes, 0, size);
    } else {
      json.writeBinary(bytes, 0, size);
      text = false;
    }
    json.writeFieldName(ENCODING);
    json.writeString(text ? UTF_8 : BASE64);
    json.writeFieldName(RECEIVED);
    json.writeRawUTF8String(timestamps.text(), 0, timestamps.format(Instant.now()));
    if (opened != null) {
      // The same names and forms as the bridge's envelope headers, without the Multicast prefix.
      json.writeStringField("senderId", HexFormat.of().toHexDigits(opened.senderId()));
      json.writeNumberField("epoch", opened.epoch());
      json.writeNumberField("sequence", opened.sequence());
      json.writeStringField("sent", opened.sentAt().toString());
      json.writeStringField("mode", opened.mode().name().toLowerCase(Locale.ROOT));
    }
    json.writeEndObject();
    json.flush();
  }

  /**
   * Whether the payload is ASCII that a JSON string holds as it is: no quote, backslash or control
   * character. Eight bytes at a time, since most payloads are such text and C1 compiles a loop over
   * single bytes to slow code; the bit tricks are the usual "has a byte less than / equal to".
   */
  static boolean isPlainAscii(ByteBuffer payload) {
    int i = payload.position();
    for (; i + Long.BYTES <= payload.limit(); i += Long.BYTES) {
      long x = payload.getLong(i);
      long special = x | below(x, 0x20) | equal(x, '"') | equal(x, '\\');
      if ((special & HIGH_BITS) != 0) {
        return false;
      }
    }
    for (; i < payload.limit(); i++) {
      byte b = payload.get(i);
      if (b < 0x20 || b == '"' || b == '\\') { // b < 0: not ASCII
        return false;
      }
    }
    return true;
  }

  /** The high bit of each byte of x, set where some byte (below 0x80) is less than n. */
  private static long below(long x, int n) {
    return (x - ONES * n) & ~x;
  }

  /** The high bit set where some byte of x equals v. */
  private static long equal(long x, int v) {
    long y = x ^ (ONES * v);
    return (y - ONES) & ~y;
  }

  /** Whether the payload is valid UTF-8. */
  private boolean isUtf8(ByteBuffer payload) {
    try {
      utf8.decode(payload.duplicate());
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /** The group's text, worked out again only when the group changes. */
  private SerializedString groupText(Group group) {
    if (group != lastGroup) {
      lastGroup = group;
      lastGroupText = new SerializedString(group.host());
    }
    return lastGroupText;
  }

  /** The source's text, worked out again only when the source changes. */
  private SerializedString sourceText(InetAddress source) {
    if (!source.equals(lastSource)) {
      lastSource = source;
      lastSourceText = new SerializedString(Addresses.text(source));
    }
    return lastSourceText;
  }

  /** The payload in the scratch array's first bytes. */
  private byte[] copy(ByteBuffer payload) {
    if (scratch.length < payload.remaining()) {
      scratch = new byte[Math.max(payload.remaining(), 2 * scratch.length)];
    }
    payload.duplicate().get(scratch, 0, payload.remaining());
    return scratch;
  }

  private void write(byte[] bytes) throws IOException {
    write(bytes, 0, bytes.length);
  }

  private void write(ByteBuffer bytes) throws IOException {
    if (bytes.remaining() > pending.remaining()) {
      drain();
    }
    // Only encoded text can be larger than the whole buffer (base64 of the largest datagram).
    while (bytes.remaining() > pending.remaining()) {
      int limit = bytes.limit();
      pending.put(bytes.limit(bytes.position() + pending.remaining()));
      bytes.limit(limit);
      drain();
    }
    pending.put(bytes);
  }

  private void write(byte[] bytes, int offset, int length) throws IOException {
    if (length > pending.remaining()) {
      drain();
    }
    if (length > pending.capacity()) {
      stdout.write(bytes, offset, length);
    } else {
      pending.put(bytes, offset, length);
    }
  }

  private void drain() throws IOException {
    stdout.write(pending.array(), 0, pending.position());
    pending.clear();
  }

  void flush() {
    try {
      drain();
      stdout.flush();
    } catch (IOException e) {
      throw new StandardOutputException(e);
    }
  }

  @Override
  public void close() {
    flush();
  }

  /** The JSON generator's output: into the same buffer as every other format's. */
  private final class PendingStream extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      DatagramPrinter.this.write(bytes, offset, length);
    }
  }

  /**
   * Times as ISO-8601 text, exactly as {@link Instant#toString()} writes them: the date and time of
   * day are formatted once a second, the fraction each time.
   */
  static final class Timestamps {
    private final byte[] text = new byte[40];
    private long second = Long.MIN_VALUE;
    private int secondLength;

    /** Formats {@code instant} into {@link #text()}; returns its length. */
    int format(Instant instant) {
      if (instant.getEpochSecond() != second) {
        second = instant.getEpochSecond();
        byte[] whole = Instant.ofEpochSecond(second).toString().getBytes(StandardCharsets.US_ASCII);
        secondLength = whole.length - 1; // without its 'Z'
        System.arraycopy(whole, 0, text, 0, secondLength);
      }
      int length = secondLength;
      int nano = instant.getNano();
      int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1000 == 0 ? 6 : 9;
      if (digits > 0) {
        text[length++] = '.';
        int value = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1000 : nano;
        for (int i = length + digits - 1; i >= length; i--) {
          text[i] = (byte) ('0' + value % 10);
          value /= 10;
        }
        length += digits;
      }
      text[length++] = 'Z';
      return length;
    }

    byte[] text() {
      return text;
    }
  }
}
