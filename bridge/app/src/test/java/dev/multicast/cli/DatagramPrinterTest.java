package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.multicast.core.Group;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the printer writes for each datagram, byte for byte, from the fast paths it takes. */
class DatagramPrinterTest {
  private static final Group GROUP = Group.of("239.1.2.3", 59259);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-11-25T19:05:39Z",
        "2026-11-25T19:05:39.100Z",
        "2026-11-25T19:05:39.123456Z",
        "2026-11-25T19:05:39.000000001Z",
        "2026-11-25T19:05:40.020Z",
        "1970-01-01T00:00:00.999999999Z"
      })
  void timestampsAreTheTextInstantWrites(String text) {
    DatagramPrinter.Timestamps timestamps = new DatagramPrinter.Timestamps();
    timestamps.format(Instant.parse("2026-11-25T19:05:39.5Z")); // a second cached before
    int length = timestamps.format(Instant.parse(text));
    assertEquals(text, new String(timestamps.text(), 0, length, StandardCharsets.US_ASCII));
  }

  @ParameterizedTest
  @ValueSource(strings = {"plain ascii", "quote \" backslash \\ tab \t newline \n", "größe ☃ 🎉"})
  void jsonCarriesTextPayloadsExactly(String payload) throws Exception {
    JsonNode line = MAPPER.readTree(printJson(payload.getBytes(StandardCharsets.UTF_8)));
    assertEquals(payload, line.get("payload").asText());
    assertEquals("utf-8", line.get("encoding").asText());
    assertEquals(payload.getBytes(StandardCharsets.UTF_8).length, line.get("size").asInt());
  }

  @Test
  void plainAsciiIsTextWithoutQuotesBackslashesOrControlCharactersAtAnyPlace() {
    for (int value = 0; value < 256; value++) {
      boolean plain = value >= 0x20 && value < 0x80 && value != '"' && value != '\\';
      for (int at = 0; at < 17; at++) {
        byte[] payload = "abcdefghijklmnopq".getBytes(StandardCharsets.US_ASCII);
        payload[at] = (byte) value;
        assertEquals(
            plain,
            DatagramPrinter.isPlainAscii(ByteBuffer.wrap(payload)),
            "byte " + value + " at " + at);
      }
    }
  }

  @Test
  void jsonCarriesOtherPayloadsInBase64() throws Exception {
    byte[] binary = {(byte) 0xff, (byte) 0xc3, 0x28, 0, 'a'};
    JsonNode line = MAPPER.readTree(printJson(binary));
    assertEquals(Base64.getEncoder().encodeToString(binary), line.get("payload").asText());
    assertEquals("base64", line.get("encoding").asText());
  }

  @Test
  void jsonNamesEachDatagramsOwnSource() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DatagramPrinter printer = new DatagramPrinter(PayloadFormat.JSON, out)) {
      for (String source : new String[] {"10.0.0.7", "10.0.0.7", "10.0.0.8"}) {
        printer.onDatagram(
            GROUP, new InetSocketAddress(source, 41022), ByteBuffer.wrap(new byte[1]));
      }
    }
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals("10.0.0.7", MAPPER.readTree(lines[1]).get("source").asText());
    assertEquals("10.0.0.8", MAPPER.readTree(lines[2]).get("source").asText());
  }

  @Test
  void hexAndBase64EncodeEveryByteValue() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    assertEquals(HexFormat.of().formatHex(all) + "\n", print(PayloadFormat.HEX, all));
    assertEquals(Base64.getEncoder().encodeToString(all) + "\n", print(PayloadFormat.BASE64, all));
  }

  @Test
  void encodedPayloadsLargerThanTheOutputBufferArriveWhole() {
    byte[] largest = new byte[65_507];
    new Random(1).nextBytes(largest);
    String printed = print(PayloadFormat.BASE64, largest);
    assertArrayEquals(largest, Base64.getDecoder().decode(printed.trim()));
  }

  private static String printJson(byte[] payload) {
    String line = print(PayloadFormat.JSON, payload);
    assertEquals('\n', line.charAt(line.length() - 1), "one line per datagram");
    return line;
  }

  private static String print(PayloadFormat format, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DatagramPrinter printer = new DatagramPrinter(format, out)) {
      printer.onDatagram(
          GROUP,
          new InetSocketAddress("10.0.0.7", 41022),
          ByteBuffer.wrap(payload).asReadOnlyBuffer());
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
