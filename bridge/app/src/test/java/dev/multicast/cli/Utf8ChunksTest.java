package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Utf8ChunksTest {
  private static List<String> chunks(InputStream in, int limit) throws IOException {
    Utf8Chunks chunks = new Utf8Chunks(in, limit);
    List<String> all = new ArrayList<>();
    for (byte[] chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
      all.add(new String(chunk, StandardCharsets.UTF_8));
    }
    return all;
  }

  @Test
  void cutsAtTheLimitBetweenCharacters() throws IOException {
    assertEquals(List.of("abc", "def", "g"), chunks(stream("abcdefg"), 3));
  }

  @Test
  void neverCutsInsideACharacter() throws IOException {
    assertEquals(List.of("aé", "€", "😀"), chunks(stream("aé€😀"), 4));
  }

  @Test
  void aCharacterLargerThanTheLimitGoesOutWhole() throws IOException {
    assertEquals(List.of("😀", "a"), chunks(stream("😀a"), 1));
  }

  @Test
  void holdsBackAPartialCharacterUntilTheRestArrives() throws IOException {
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    // A stream that hands out one byte a read, as a slow pipe would.
    InputStream trickle =
        new ByteArrayInputStream(euro) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(1, len));
          }
        };
    assertEquals(List.of("€"), chunks(trickle, 100));
  }

  @Test
  void passesBinaryThroughAtTheLimit() throws IOException {
    byte[] binary = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80};
    Utf8Chunks chunks = new Utf8Chunks(new ByteArrayInputStream(binary), 2);
    assertArrayEquals(new byte[] {(byte) 0x80, (byte) 0x80}, chunks.next());
    assertArrayEquals(new byte[] {(byte) 0x80, (byte) 0x80}, chunks.next());
    assertArrayEquals(new byte[] {(byte) 0x80}, chunks.next());
    assertNull(chunks.next());
  }

  @Test
  void aLongCharacterDoesNotTakeTheNextOnesWithIt() throws IOException {
    assertEquals(List.of("é", "a"), chunks(stream("éa"), 1));
    assertEquals(List.of("€", "a"), chunks(stream("€a"), 2));
  }

  @Test
  void aLeadByteWithoutItsContinuationIsCutAtTheLimit() throws IOException {
    Utf8Chunks chunks =
        new Utf8Chunks(new ByteArrayInputStream(new byte[] {(byte) 0xf0, 'a', 'b', 'c', 'd'}), 1);
    assertArrayEquals(new byte[] {(byte) 0xf0}, chunks.next());
    for (char c : "abcd".toCharArray()) {
      assertArrayEquals(new byte[] {(byte) c}, chunks.next());
    }
    assertNull(chunks.next());
  }

  @Test
  void anEmptyStreamHasNoChunks() throws IOException {
    assertEquals(List.of(), chunks(stream(""), 10));
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
