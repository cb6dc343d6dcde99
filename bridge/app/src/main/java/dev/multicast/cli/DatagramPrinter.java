package dev.multicast.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.multicast.core.Addresses;
import dev.multicast.core.DatagramHandler;
import dev.multicast.core.Group;
import dev.multicast.security.Opened;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Writes received datagrams to standard output in one {@link PayloadFormat}. Payloads go straight
 * from the receiver's buffer into one output buffer; the receive loop flushes whenever no more
 * datagrams are waiting, so bursts cost few writes and a reader still sees each datagram at once.
 */
final class DatagramPrinter implements DatagramHandler, AutoCloseable {
  private final PayloadFormat format;
  private final OutputStream stdout;
  private final ByteBuffer pending = ByteBuffer.allocate(1 << 16);
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
  private final ByteArrayOutputStream jsonLine = new ByteArrayOutputStream();
  private final JsonGenerator json;

  DatagramPrinter(PayloadFormat format, OutputStream stdout) {
    this.format = format;
    this.stdout = stdout;
    try {
      this.json =
          format == PayloadFormat.JSON
              ? new JsonFactory()
                  .setRootValueSeparator(null)
                  .createGenerator(jsonLine, JsonEncoding.UTF8)
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
        case HEX -> write(ascii(HexFormat.of().formatHex(bytes(payload))));
        case BASE64 -> write(Base64.getEncoder().encode(bytes(payload)));
        case JSON -> write(json(group, source, payload, opened));
      }
      if (!pending.hasRemaining()) {
        drain();
      }
      pending.put((byte) '\n');
    } catch (IOException e) {
      throw new StandardOutputException(e);
    }
  }

  private byte[] json(Group group, InetSocketAddress source, ByteBuffer payload, Opened opened)
      throws IOException {
    int size = payload.remaining();
    String text = utf8(payload);
    jsonLine.reset();
    json.writeStartObject();
    json.writeStringField("group", group.host());
    json.writeNumberField("port", group.port());
    json.writeStringField("source", Addresses.text(source.getAddress()));
    json.writeNumberField("sourcePort", source.getPort());
    json.writeNumberField("size", size);
    json.writeStringField(
        "payload", text != null ? text : Base64.getEncoder().encodeToString(bytes(payload)));
    json.writeStringField("encoding", text != null ? "utf-8" : "base64");
    json.writeStringField("received", Instant.now().toString());
    if (opened != null) {
      // The same names and forms as the bridge's envelope headers, without the Multicast prefix.
      json.writeStringField("senderId", String.format("%08x", opened.senderId()));
      json.writeNumberField("epoch", opened.epoch());
      json.writeNumberField("sequence", opened.sequence());
      json.writeStringField("sent", opened.sentAt().toString());
      json.writeStringField("mode", opened.mode().name().toLowerCase(Locale.ROOT));
    }
    json.writeEndObject();
    json.flush();
    return jsonLine.toByteArray();
  }

  /** The payload as text when it is valid UTF-8; null when it is binary. */
  private String utf8(ByteBuffer payload) {
    try {
      return utf8.decode(payload.duplicate()).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static byte[] bytes(ByteBuffer payload) {
    byte[] bytes = new byte[payload.remaining()];
    payload.duplicate().get(bytes);
    return bytes;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private void write(ByteBuffer bytes) throws IOException {
    if (bytes.remaining() > pending.remaining()) {
      drain();
    }
    pending.put(bytes);
  }

  private void write(byte[] bytes) throws IOException {
    if (bytes.length > pending.remaining()) {
      drain();
    }
    if (bytes.length > pending.capacity()) {
      stdout.write(bytes);
    } else {
      pending.put(bytes);
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
}
