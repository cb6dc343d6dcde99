package dev.multicast.bridge;

import dev.multicast.camel.MulticastMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what the bridge could not deliver: each message's payload as {@code <id>.bin} in the
 * dead-letter directory, beside {@code <id>.txt} with the reason and the headers, counted in the
 * bridge's metrics. A file system, not the broker, because the broker may be what is missing.
 *
 * <p>The directory is bounded, because anyone who can reach a group can fill it (every forged
 * datagram a keyed route refuses is a dead letter) and it shares its disk with the broker's
 * journal: beyond {@code maxLetters} dead letters or {@code maxBytes} bytes, counting what was
 * there at start, a dead letter is only counted ({@code multicast_dead_letters_dropped_total}) and
 * one warning is logged. While full, the directory is counted again every {@link #RESCAN}, so
 * writing resumes once someone clears it.
 */
public class DeadLetters implements Processor {
  /** The registry name the bridge binds its instance under. */
  public static final String BEAN = "deadLetters";

  /** How many dead letters the directory holds unless told otherwise. */
  public static final int DEFAULT_MAX_LETTERS = 10_000;

  /** How many bytes (both files of each) the directory holds unless told otherwise: 100 MiB. */
  public static final long DEFAULT_MAX_BYTES = 100L << 20;

  /** How often a full directory is counted again. */
  static final Duration RESCAN = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private final Path directory;
  private final int maxLetters;
  private final long maxBytes;
  private final InstantSource clock;

  // guarded by this
  private boolean counted;
  private long letters;
  private long bytes;
  private Instant fullSince;

  /** A directory of at most {@link #DEFAULT_MAX_LETTERS} and {@link #DEFAULT_MAX_BYTES}. */
  public DeadLetters(Path directory) {
    this(directory, DEFAULT_MAX_LETTERS, DEFAULT_MAX_BYTES);
  }

  /**
   * @throws IllegalArgumentException when a limit is negative
   */
  public DeadLetters(Path directory, int maxLetters, long maxBytes) {
    this(directory, maxLetters, maxBytes, InstantSource.system());
  }

  DeadLetters(Path directory, int maxLetters, long maxBytes, InstantSource clock) {
    if (maxLetters < 0 || maxBytes < 0) {
      throw new IllegalArgumentException(
          "dead-letter limits of "
              + maxLetters
              + " letters and "
              + maxBytes
              + " bytes (expected 0 or more of each)");
    }
    this.directory = directory;
    this.maxLetters = maxLetters;
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  /** The bridge's dead letters, as bound in {@code context}'s registry under {@link #BEAN}. */
  static DeadLetters of(CamelContext context) {
    DeadLetters deadLetters = context.getRegistry().lookupByNameAndType(BEAN, DeadLetters.class);
    if (deadLetters == null) {
      throw new IllegalStateException("no '" + BEAN + "' bean to dead-letter to");
    }
    return deadLetters;
  }

  /** Keeps {@code exchange}'s message as a dead letter with {@code reason}, outside any route. */
  void add(Exchange exchange, Throwable reason) throws IOException {
    exchange.setProperty(Exchange.EXCEPTION_CAUGHT, reason);
    process(exchange);
  }

  @Override
  public void process(Exchange exchange) throws IOException {
    Message message = exchange.getMessage();
    Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    byte[] payload = message.getBody(byte[].class);
    if (payload == null) {
      payload = new byte[0];
    }
    StringBuilder why = new StringBuilder();
    why.append("reason: ").append(cause == null ? "unknown" : cause.getMessage()).append('\n');
    why.append("route: ").append(exchange.getFromRouteId()).append('\n');
    message
        .getHeaders()
        .forEach((key, value) -> why.append(key).append(": ").append(value).append('\n'));
    byte[] text = why.toString().getBytes(StandardCharsets.UTF_8);
    long size = payload.length + text.length;
    if (!reserve(size)) {
      MulticastMetrics.deadLettersDropped(exchange.getContext(), exchange.getFromRouteId());
      return;
    }
    String name = Instant.now().toEpochMilli() + "-" + exchange.getExchangeId();
    Path bin = directory.resolve(name + ".bin");
    Path partial = directory.resolve("." + name + ".txt.partial");
    try {
      Files.createDirectories(directory);
      Files.write(bin, payload);
      // The reason appears whole or not at all: whoever sees it may read its letter.
      Files.write(partial, text);
      Files.move(partial, directory.resolve(name + ".txt"), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // No letter without its reason, and no room held for one that was not written.
      Files.deleteIfExists(bin);
      Files.deleteIfExists(partial);
      release(size);
      throw e;
    }
    MulticastMetrics.deadLettered(exchange.getContext(), exchange.getFromRouteId());
  }

  /** Takes room for one dead letter of {@code size} bytes, or says there is none. */
  private synchronized boolean reserve(long size) {
    Instant now = clock.instant();
    boolean recount = !counted || (fullSince != null && !now.isBefore(fullSince.plus(RESCAN)));
    if (recount) {
      count();
    }
    if (!fits(size) && fullSince == null && !recount) {
      // About to say it is full: the directory may have been cleared since it was counted.
      count();
    }
    if (!fits(size)) {
      if (fullSince == null) {
        LOG.warn(
            "dead-letter directory {} is full ({} dead letters, {} bytes; at most {} and {} bytes):"
                + " further dead letters are counted in multicast_dead_letters_dropped_total, not"
                + " written",
            directory,
            letters,
            bytes,
            maxLetters,
            maxBytes);
      }
      if (fullSince == null || recount) {
        fullSince = now;
      }
      return false;
    }
    fullSince = null;
    letters++;
    bytes += size;
    return true;
  }

  private boolean fits(long size) {
    return letters + 1 <= maxLetters && bytes + size <= maxBytes;
  }

  /** Gives back the room of a dead letter that could not be written. */
  private synchronized void release(long size) {
    letters--;
    bytes -= size;
  }

  /** What the directory holds now: earlier runs' dead letters count too. */
  private void count() {
    long foundLetters = 0;
    long foundBytes = 0;
    if (Files.isDirectory(directory)) {
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          try {
            foundBytes += Files.size(file);
            foundLetters += file.getFileName().toString().endsWith(".bin") ? 1 : 0;
          } catch (NoSuchFileException e) {
            // removed while being counted: it takes no room any more
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot count the dead letters in " + directory, e);
      }
    }
    counted = true;
    letters = foundLetters;
    bytes = foundBytes;
  }
}
