package dev.multicast.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.camel.EnvelopeRejectedException;
import dev.multicast.security.RejectReason;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dead-letter directory and its bound, on real files, with the bridge's counters. */
class DeadLettersTest {
  private static final String ROUTE = "keyed-in";

  @TempDir Path data;
  private Path directory;
  private CamelContext camel;
  private final MeterRegistry meters = new SimpleMeterRegistry();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final InstantSource clock = () -> now;

  @BeforeEach
  void start() {
    directory = data.resolve("dead-letter");
    camel = new DefaultCamelContext();
    camel.getRegistry().bind("meters", meters);
  }

  @AfterEach
  void close() throws Exception {
    camel.close();
  }

  @Test
  void aDeadLetterIsItsPayloadBesideItsReason() throws Exception {
    new DeadLetters(directory).process(rejected("forged bytes"));
    Path bin = only(".bin");
    assertEquals("forged bytes", Files.readString(bin));
    String txt = Files.readString(Path.of(bin.toString().replaceFirst("\\.bin$", ".txt")));
    assertTrue(
        txt.startsWith("reason: rejected envelope: forged (")
            && txt.contains("\nroute: keyed-in\n"),
        txt);
    assertEquals(1, counter("multicast.dead.lettered"));
  }

  @Test
  void beyondTheLetterLimitDeadLettersAreCountedNotWritten() throws Exception {
    DeadLetters deadLetters = new DeadLetters(directory, 3, 1 << 20, clock);
    for (int i = 0; i < 5; i++) {
      deadLetters.process(rejected("forged " + i));
    }
    assertEquals(3, files(".bin"));
    assertEquals(3, files(".txt"));
    assertEquals(3, counter("multicast.dead.lettered"));
    assertEquals(2, counter("multicast.dead.letters.dropped"));
  }

  @Test
  void beyondTheByteLimitDeadLettersAreCountedNotWritten() throws Exception {
    DeadLetters deadLetters = new DeadLetters(directory, 1000, 1000, clock);
    for (int i = 0; i < 5; i++) {
      deadLetters.process(rejected("x".repeat(300)));
    }
    assertTrue(bytes() <= 1000, bytes() + " bytes");
    assertEquals(2, files(".bin"));
    assertEquals(3, counter("multicast.dead.letters.dropped"));
  }

  @Test
  void deadLettersOfAnEarlierRunCountTowardsTheLimit() throws Exception {
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("1-earlier.bin"), "old");
    Files.writeString(directory.resolve("2-earlier.bin"), "old");
    DeadLetters deadLetters = new DeadLetters(directory, 3, 1 << 20, clock);
    deadLetters.process(rejected("new"));
    deadLetters.process(rejected("newer"));
    assertEquals(3, files(".bin"));
    assertEquals(1, counter("multicast.dead.letters.dropped"));
  }

  @Test
  void aFullDirectoryWarnsOnceHoweverManyFollow() throws Throwable {
    DeadLetters deadLetters = new DeadLetters(directory, 1, 1 << 20, clock);
    String log =
        Stderr.during(
            () -> {
              for (int i = 0; i < 50; i++) {
                deadLetters.process(rejected("flood " + i));
              }
            });
    assertEquals(1, log.lines().filter(line -> line.contains("is full")).count(), log);
    assertTrue(
        log.contains("dead-letter directory " + directory + " is full (1 dead letters"), log);
    assertEquals(49, counter("multicast.dead.letters.dropped"));
  }

  @Test
  void writingResumesOnceAFullDirectoryIsClearedAndCountedAgain() throws Exception {
    DeadLetters deadLetters = new DeadLetters(directory, 1, 1 << 20, clock);
    deadLetters.process(rejected("first"));
    deadLetters.process(rejected("dropped"));
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    deadLetters.process(rejected("still dropped: not counted again yet"));
    assertEquals(0, files(".bin"));
    now = now.plus(DeadLetters.RESCAN);
    deadLetters.process(rejected("written"));
    assertEquals("written", Files.readString(only(".bin")));
    assertEquals(2, counter("multicast.dead.letters.dropped"));
  }

  @Test
  void aDirectoryClearedBeforeItFilledIsCountedAgainBeforeRefusing() throws Exception {
    DeadLetters deadLetters = new DeadLetters(directory, 1, 1 << 20, clock);
    deadLetters.process(rejected("first"));
    Files.delete(only(".bin"));
    deadLetters.process(rejected("second"));
    assertEquals("second", Files.readString(only(".bin")));
    assertEquals(0, counter("multicast.dead.letters.dropped"));
  }

  @Test
  void aDeadLetterThatCannotBeWrittenLeavesNoHalfAndHoldsNoRoom() throws Exception {
    // A file where the directory should be: every write fails.
    Files.writeString(directory, "in the way");
    DeadLetters deadLetters = new DeadLetters(directory, 1, 1 << 20, clock);
    assertThrows(IOException.class, () -> deadLetters.process(rejected("lost?")));
    Files.delete(directory);
    deadLetters.process(rejected("written"));
    assertEquals("written", Files.readString(only(".bin")));
    assertEquals(0, counter("multicast.dead.letters.dropped"));
  }

  @Test
  void aNegativeLimitIsRefusedNamingIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new DeadLetters(directory, -1, 10));
    assertEquals(
        "dead-letter limits of -1 letters and 10 bytes (expected 0 or more of each)",
        e.getMessage());
  }

  private Exchange rejected(String payload) {
    Exchange exchange = new DefaultExchange(camel);
    exchange.getExchangeExtension().setFromRouteId(ROUTE);
    exchange.getMessage().setBody(payload.getBytes(StandardCharsets.UTF_8));
    exchange.setProperty(
        Exchange.EXCEPTION_CAUGHT, new EnvelopeRejectedException(RejectReason.FORGED));
    return exchange;
  }

  private double counter(String name) {
    return meters.find(name).tag("route", ROUTE).counters().stream()
        .mapToDouble(counter -> counter.count())
        .sum();
  }

  private long files(String suffix) throws IOException {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.toString().endsWith(suffix)).count();
    }
  }

  private Path only(String suffix) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.toString().endsWith(suffix)).findFirst().orElseThrow();
    }
  }

  private long bytes() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      long total = 0;
      for (Path file : files.toList()) {
        total += Files.size(file);
      }
      return total;
    }
  }
}
