package dev.multicast.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The published vector, computed by the code and cross-checked by Python's standard library. */
class EnvelopeVectorTest {
  private static final Path SCRIPT = Path.of("src/test/python/envelope_vector.py");

  @Test
  void keyIdMatchesVector() {
    assertEquals(TestVector.KEY_ID, TestVector.KEY.keyId());
  }

  @Test
  void authEnvelopeMatchesVector() {
    assertEquals(TestVector.AUTH, encode(EnvelopeMode.AUTH));
  }

  @Test
  void sealEnvelopeMatchesVector() {
    assertEquals(TestVector.SEAL, encode(EnvelopeMode.SEAL));
  }

  @Test
  void seqEnvelopeMatchesVector() {
    assertEquals(TestVector.SEQ, encode(EnvelopeMode.SEQ));
  }

  @Test
  void vectorEnvelopesOpenToHello() {
    for (String envelope : new String[] {TestVector.AUTH, TestVector.SEAL}) {
      Opened opened = (Opened) TestVector.opener().open(TestVector.bytes(envelope));
      assertArrayEquals(TestVector.PAYLOAD, opened.payload());
      assertEquals(TestVector.SEQUENCE, opened.sequence());
    }
  }

  @Test
  void pythonComputesTheSameEnvelopes() throws IOException, InterruptedException {
    Map<String, String> python = python();
    assertEquals(String.format("%08x", TestVector.KEY_ID), python.get("key-id"));
    assertEquals(TestVector.AUTH, python.get("auth"));
    assertEquals(TestVector.SEQ, python.get("seq"));
    // The seal line needs the `cryptography` package, which not every machine has.
    if (python.containsKey("seal")) {
      assertEquals(TestVector.SEAL, python.get("seal"));
    }
  }

  private static String encode(EnvelopeMode mode) {
    return TestVector.hex(TestVector.sealer(mode).encode(TestVector.PAYLOAD));
  }

  private static Map<String, String> python() throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder("python3", SCRIPT.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      assumeTrue(false, "no python3 to cross-check with: " + e.getMessage());
      throw e;
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "python3 took over 30 s");
    assertEquals(0, process.exitValue(), output);
    Map<String, String> lines = new HashMap<>();
    for (String line : output.split("\n")) {
      String[] parts = line.split(" ", 2);
      lines.put(parts[0], parts[1]);
    }
    return lines;
  }
}
