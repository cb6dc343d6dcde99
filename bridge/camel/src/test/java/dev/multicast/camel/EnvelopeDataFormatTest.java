package dev.multicast.camel;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.security.EnvelopeMode;
import dev.multicast.security.GroupKey;
import dev.multicast.security.GroupKeys;
import dev.multicast.security.Opener;
import dev.multicast.security.RejectReason;
import dev.multicast.security.Sealer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The envelope data format on its own, in a plain Camel context. */
class EnvelopeDataFormatTest {
  private static final byte[] PAYLOAD = "the payload".getBytes(StandardCharsets.UTF_8);

  @TempDir Path directory;
  private Path keyFile;
  private CamelContext camel;

  @BeforeEach
  void writeKey() {
    keyFile = directory.resolve("group.key");
    GroupKey.generate().write(keyFile);
    camel = new DefaultCamelContext();
  }

  @AfterEach
  void close() throws Exception {
    camel.close();
  }

  @Test
  void anUnmarshalledEnvelopeGivesThePayloadAndTheEnvelopeHeaders() throws Exception {
    EnvelopeDataFormat format = started("seal", keyFile);
    long before = System.currentTimeMillis();
    byte[] envelope = marshal(format, PAYLOAD);
    Exchange exchange = new DefaultExchange(camel);
    assertArrayEquals(PAYLOAD, (byte[]) format.unmarshal(exchange, (Object) envelope));
    Message message = exchange.getMessage();
    assertEquals(8, message.getHeader(MulticastHeaders.SENDER_ID, String.class).length());
    assertTrue(message.getHeader(MulticastHeaders.EPOCH, Long.class) >= before / 1000 - 1);
    assertEquals(0L, message.getHeader(MulticastHeaders.SEQUENCE));
    assertTrue(message.getHeader(MulticastHeaders.SENT_AT, Long.class) >= before);
    assertEquals("seal", message.getHeader(MulticastHeaders.ENVELOPE_MODE));
  }

  @Test
  void sealModeEncryptsThePayload() throws Exception {
    byte[] envelope = marshal(started("seal", keyFile), PAYLOAD);
    String text = new String(envelope, StandardCharsets.ISO_8859_1);
    assertFalse(text.contains("the payload"), "the payload is in clear text");
  }

  @Test
  void aRotatedKeyFileTakesEffectWithoutARestart() throws Exception {
    EnvelopeDataFormat format = started("auth", keyFile);
    GroupKey old = GroupKey.read(keyFile);
    GroupKeys rotated = GroupKeys.rotate(keyFile);
    byte[] underNewKey = Sealer.keyed(EnvelopeMode.AUTH, rotated.current()).encode(PAYLOAD);
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> keyId(marshal(format, PAYLOAD)) == rotated.current().keyId());
    assertArrayEquals(
        PAYLOAD, (byte[]) format.unmarshal(new DefaultExchange(camel), (Object) underNewKey));
    byte[] underOldKey = Sealer.keyed(EnvelopeMode.AUTH, old).encode(PAYLOAD);
    assertArrayEquals(
        PAYLOAD, (byte[]) format.unmarshal(new DefaultExchange(camel), (Object) underOldKey));
  }

  @Test
  void authModeIsTheDefault() throws Exception {
    EnvelopeDataFormat format = new EnvelopeDataFormat();
    format.setKeyFile(keyFile.toString());
    format.start();
    Exchange exchange = new DefaultExchange(camel);
    format.unmarshal(exchange, (Object) marshal(format, PAYLOAD));
    assertEquals("auth", exchange.getMessage().getHeader(MulticastHeaders.ENVELOPE_MODE));
  }

  @Test
  void seqModeNeedsNoKey() throws Exception {
    EnvelopeDataFormat format = started("seq", null);
    Exchange exchange = new DefaultExchange(camel);
    assertArrayEquals(
        PAYLOAD, (byte[]) format.unmarshal(exchange, (Object) marshal(format, PAYLOAD)));
    assertEquals("seq", exchange.getMessage().getHeader(MulticastHeaders.ENVELOPE_MODE));
  }

  @Test
  void aReplayIsRejectedWithItsReason() throws Exception {
    EnvelopeDataFormat format = started("auth", keyFile);
    byte[] envelope = marshal(format, PAYLOAD);
    format.unmarshal(new DefaultExchange(camel), (Object) envelope);
    EnvelopeRejectedException rejected =
        assertThrows(
            EnvelopeRejectedException.class,
            () -> format.unmarshal(new DefaultExchange(camel), (Object) envelope));
    assertEquals(RejectReason.REPLAY, rejected.reason());
    assertEquals(
        "rejected envelope: replay (seen before, or older than the replay window)",
        rejected.getMessage());
  }

  @Test
  void aPlainDatagramIsRejectedAsMalformed() throws Exception {
    EnvelopeDataFormat format = started("seal", keyFile);
    EnvelopeRejectedException rejected =
        assertThrows(
            EnvelopeRejectedException.class,
            () -> format.unmarshal(new DefaultExchange(camel), (Object) PAYLOAD));
    assertEquals(RejectReason.MALFORMED, rejected.reason());
    assertEquals("malformed", rejected.label());
  }

  @Test
  void marshallingFromManyThreadsNeverRepeatsASequenceNumber() throws Exception {
    EnvelopeDataFormat format = started("seal", keyFile);
    int threads = 8;
    int each = 200;
    List<byte[]> envelopes = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    envelopes.add(marshal(format, PAYLOAD));
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Set<Integer> senders = new HashSet<>();
    Set<Long> sequences = new HashSet<>();
    for (byte[] envelope : envelopes) {
      senders.add(ByteBuffer.wrap(envelope).getInt(8));
      sequences.add(sequence(envelope));
    }
    assertEquals(1, senders.size(), "one sender id per data format");
    assertEquals(
        LongStream.range(0, threads * each).boxed().collect(Collectors.toSet()), sequences);
    // Every envelope whole: each opens, in the order it was sealed.
    Opener opener = Opener.keyed(GroupKey.read(keyFile));
    envelopes.sort(Comparator.comparingLong(EnvelopeDataFormatTest::sequence));
    for (byte[] envelope : envelopes) {
      assertTrue(opener.open(envelope).accepted());
    }
  }

  @Test
  void aRestartedDataFormatGoesOnAsTheSameSender() throws Exception {
    EnvelopeDataFormat format = started("seal", keyFile);
    byte[] first = marshal(format, PAYLOAD);
    format.stop();
    format.start();
    byte[] second = marshal(format, PAYLOAD);
    assertEquals(ByteBuffer.wrap(first).getInt(8), ByteBuffer.wrap(second).getInt(8));
    assertEquals(sequence(first) + 1, sequence(second));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sealed|KEY|30|mode 'sealed' is not auth, seal or seq",
        "seal||30|mode seal needs a keyFile (expected the path of a group key file, such as"
            + " {{multicast.key-file}})",
        "auth||30|mode auth needs a keyFile",
        "seq|KEY|30|mode seq takes no key, but keyFile is KEY (expected auth or seal)",
        "seal|KEY|0|freshness 0 is not a positive number of seconds",
        "seal|MISSING|30|key file MISSING does not exist (expected a file holding a group key)"
      })
  void aBadSettingFailsInitNamingIt(String mode, String key, int freshness, String expected) {
    String missing = directory.resolve("missing.key").toString();
    EnvelopeDataFormat format = new EnvelopeDataFormat();
    format.setMode(mode);
    if (key != null) {
      format.setKeyFile(key.replace("MISSING", missing).replace("KEY", keyFile.toString()));
    }
    format.setFreshness(freshness);
    RuntimeException failure = assertThrows(RuntimeException.class, format::init);
    assertTrue(
        failure
            .getMessage()
            .startsWith(expected.replace("MISSING", missing).replace("KEY", keyFile.toString())),
        failure.getMessage());
  }

  private EnvelopeDataFormat started(String mode, Path key) {
    EnvelopeDataFormat format = new EnvelopeDataFormat();
    format.setMode(mode);
    if (key != null) {
      format.setKeyFile(key.toString());
    }
    format.start();
    return format;
  }

  private byte[] marshal(EnvelopeDataFormat format, byte[] payload) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    format.marshal(new DefaultExchange(camel), payload, out);
    return out.toByteArray();
  }

  /** The key id field of an envelope, at byte 4. */
  private static int keyId(byte[] envelope) {
    return ByteBuffer.wrap(envelope).getInt(4);
  }

  /** The sequence number field of an envelope: unsigned, at byte 16. */
  private static long sequence(byte[] envelope) {
    return Integer.toUnsignedLong(ByteBuffer.wrap(envelope).getInt(16));
  }
}
