package dev.multicast.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.multicast.core.Addresses;
import dev.multicast.core.Datagram;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Writes received datagrams to standard output in one {@link PayloadFormat}. Output is buffered;
 * the receive loop flushes whenever no more datagrams are waiting, so bursts cost few writes and a
 * reader still sees each datagram at once.
 */
final class DatagramPrinter implements AutoCloseable {
  private final PayloadFormat format;
  private final OutputStream out;
  private final JsonGenerator json;

  DatagramPrinter(PayloadFormat format, OutputStream stdout) {
    this.format = format;
    this.out = new BufferedOutputStream(stdout, 1 << 16);
    try {
      this.json =
          format == PayloadFormat.JSON
              ? new JsonFactory()
                  .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                  .createGenerator(out, JsonEncoding.UTF8)
              : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void print(Datagram datagram) {
    try {
      switch (format) {
        case TEXT -> out.write(datagram.payload());
        case HEX -> out.write(ascii(HexFormat.of().formatHex(datagram.payload())));
        case BASE64 -> out.write(Base64.getEncoder().encode(datagram.payload()));
        case JSON -> writeJson(datagram);
      }
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to standard output: " + e.getMessage(), e);
    }
  }

  private void writeJson(Datagram datagram) throws IOException {
    json.writeStartObject();
    json.writeStringField("group", datagram.group().host());
    json.writeNumberField("port", datagram.group().port());
    json.writeStringField("source", Addresses.text(datagram.source().getAddress()));
    json.writeNumberField("sourcePort", datagram.source().getPort());
    json.writeNumberField("size", datagram.size());
    String text = utf8(datagram.payload());
    json.writeStringField(
        "payload", text != null ? text : Base64.getEncoder().encodeToString(datagram.payload()));
    json.writeStringField("encoding", text != null ? "utf-8" : "base64");
    json.writeStringField("received", datagram.receivedAt().toString());
    json.writeEndObject();
    json.flush();
  }

  /** The payload as text when it is valid UTF-8; null when it is binary. */
  private static String utf8(byte[] payload) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(payload)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to standard output: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    flush();
  }
}
