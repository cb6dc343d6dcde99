package dev.multicast.camel;

import dev.multicast.security.Envelope;
import dev.multicast.security.EnvelopeMode;
import dev.multicast.security.KeyFile;
import dev.multicast.security.OpenResult;
import dev.multicast.security.Opened;
import dev.multicast.security.Opener;
import dev.multicast.security.RejectReason;
import dev.multicast.security.Sealer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The envelope of {@code dev.multicast.security} as a Camel data format: {@code unmarshal} checks
 * and opens one after a multicast source, {@code marshal} wraps the body's bytes in one. Before a
 * multicast sink, give the sink its {@code envelope} and {@code keyFile} instead ({@link
 * MulticastOutbound}): it seals only what it sends, where a marshal step would also use sequence
 * numbers on messages the sink then drops as loops. Declared as a bean in route YAML, one per key
 * and direction:
 *
 * <pre>{@code
 * - beans:
 *     - name: orders-envelope
 *       type: "#class:dev.multicast.camel.EnvelopeDataFormat"
 *       properties:
 *         keyFile: "{{multicast.key-file}}"
 *         mode: seal
 * - route:
 *     ...
 *       steps:
 *         - unmarshal:
 *             custom:
 *               ref: orders-envelope
 * }</pre>
 *
 * <p>Settings: {@code keyFile}, the path of a group key file (the key itself is never part of a
 * route: only its path, which may come from a property such as {@code {{multicast.key-file}}});
 * {@code mode}, what marshal makes: {@code auth} (the default), {@code seal} or {@code seq} (no
 * key: sequence numbers only, to measure loss); {@code freshness}, how many seconds a timestamp may
 * be from this clock (30). They are checked, and the key file read, when the data format
 * initializes: in the bridge before anything binds ({@link #initAll}), elsewhere when its route
 * starts. A key file that is missing, exposed or malformed fails there with the {@code
 * KeyFileException} message naming the file; there is no fallback to plain datagrams. The file is
 * read again within a second of a change, so a rotation ({@code multicast KEYGEN --rotate}) takes
 * effect without a restart: marshal seals with its first key, unmarshal accepts any of its keys. A
 * changed file that cannot be used is logged once, and the keys read before stay.
 *
 * <p>Unmarshal accepts what the key opens, auth and seal alike (seq envelopes only in seq mode),
 * and sets {@link MulticastHeaders#SENDER_ID}, {@link MulticastHeaders#EPOCH}, {@link
 * MulticastHeaders#SEQUENCE}, {@link MulticastHeaders#SENT_AT} and {@link
 * MulticastHeaders#ENVELOPE_MODE}. A datagram it refuses is counted in {@code
 * multicast_rejected_total} by reason, for the group and port of its {@link MulticastHeaders}, and
 * fails the exchange with an {@link EnvelopeRejectedException}, which the route's error handler
 * takes: with the bridge's {@code dead-letter} route configuration, the datagram is written to the
 * dead-letter directory with the reason, and the route goes on with the next one.
 *
 * <p>Thread-safe: one {@link Sealer} and one {@link Opener} per instance, each used under its own
 * lock. One sealer per instance keeps one sender id per instance, so no two sealers ever share a
 * nonce; one opener keeps one replay window. An instance used by two routes shares both.
 */
public class EnvelopeDataFormat extends ServiceSupport implements DataFormat, DataFormatName {
  /** The data format's name. */
  public static final String NAME = "multicast-envelope";

  /** Seconds a timestamp may be from this clock unless {@code freshness} says otherwise. */
  public static final int DEFAULT_FRESHNESS = (int) Opener.DEFAULT_FRESHNESS.toSeconds();

  private static final Logger LOG = LoggerFactory.getLogger(EnvelopeDataFormat.class);

  private String keyFile;
  private String mode = "auth";
  private int freshness = DEFAULT_FRESHNESS;

  private final Object sealing = new Object();
  private final Object opening = new Object();
  // Written last in doInit: a thread that reads it set sees the sealer and opener too.
  private volatile EnvelopeMode envelopeMode;
  private Sealer sealer; // guarded by sealing
  private byte[] buffer; // guarded by sealing
  private KeyFile sealingKeys; // guarded by sealing; null in seq mode
  private Opener opener; // guarded by opening
  private KeyFile openingKeys; // guarded by opening; null in seq mode

  /**
   * Sets the group key file; required in auth and seal mode, refused in seq mode.
   *
   * @param keyFile its path
   */
  public void setKeyFile(String keyFile) {
    this.keyFile = keyFile;
  }

  /** {@return the path of the group key file, or null} */
  public String getKeyFile() {
    return keyFile;
  }

  /**
   * Sets what the envelopes prove.
   *
   * @param mode {@code auth} (default), {@code seal} or {@code seq}, in any case
   */
  public void setMode(String mode) {
    this.mode = mode;
  }

  /** {@return the envelope mode as set} */
  public String getMode() {
    return mode;
  }

  /**
   * Sets how far an envelope's timestamp may be from this clock, either way.
   *
   * @param freshness seconds, positive
   */
  public void setFreshness(int freshness) {
    this.freshness = freshness;
  }

  /** {@return the freshness window in seconds} */
  public int getFreshness() {
    return freshness;
  }

  @Override
  public String getDataFormatName() {
    return NAME;
  }

  /**
   * Initializes every envelope data format in the registry, so that a bad setting or key file stops
   * the bridge before its broker and sockets start, rather than when a route starts.
   *
   * @param context the Camel context whose registry holds them
   * @throws IllegalArgumentException naming the bean and what is wrong, in one line
   */
  public static void initAll(CamelContext context) {
    Map<String, EnvelopeDataFormat> formats =
        context.getRegistry().findByTypeWithName(EnvelopeDataFormat.class);
    for (Map.Entry<String, EnvelopeDataFormat> format : formats.entrySet()) {
      try {
        format.getValue().init();
      } catch (RuntimeException e) {
        // Without the cause: the bridge reports the innermost message, which would drop the name.
        throw new IllegalArgumentException("envelope " + format.getKey() + ": " + e.getMessage());
      }
    }
  }

  /**
   * Checks the settings and reads the key, once: a route that stops and starts again keeps its
   * sender id, sequence and replay window.
   */
  @Override
  protected void doInit() {
    if (envelopeMode != null) {
      return;
    }
    EnvelopeMode parsed = parseMode(mode);
    if (freshness <= 0) {
      throw new IllegalArgumentException(
          "freshness " + freshness + " is not a positive number of seconds");
    }
    boolean hasKeyFile = keyFile != null && !keyFile.isBlank();
    if (parsed.isKeyed() && !hasKeyFile) {
      throw new IllegalArgumentException(
          "mode "
              + name(parsed)
              + " needs a keyFile (expected the path of a group key file, such as"
              + " {{multicast.key-file}})");
    }
    if (!parsed.isKeyed() && hasKeyFile) {
      throw new IllegalArgumentException(
          "mode seq takes no key, but keyFile is " + keyFile + " (expected auth or seal)");
    }
    if (parsed.isKeyed()) {
      // Read again when the file is rotated, under each lock's own view of it.
      Path path = Path.of(keyFile.trim());
      sealingKeys = KeyFile.open(path, LOG::warn);
      openingKeys = KeyFile.open(path, LOG::warn);
      sealer = Sealer.keyed(parsed, sealingKeys.keys().current());
      opener =
          Opener.keyed(openingKeys.keys(), Duration.ofSeconds(freshness), InstantSource.system());
    } else {
      sealer = Sealer.seq();
      opener = Opener.unkeyed();
    }
    buffer = new byte[Envelope.MAX_LENGTH];
    envelopeMode = parsed;
  }

  @Override
  public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
    byte[] payload =
        exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, graph);
    stream.write(seal(payload));
  }

  /**
   * The envelope of {@code payload}, under the next sequence number.
   *
   * @throws dev.multicast.core.MulticastException (TOO_LARGE) when the payload does not fit
   */
  byte[] seal(byte[] payload) {
    synchronized (sealing) {
      checkInitialized();
      if (sealingKeys != null) {
        sealingKeys.changed().ifPresent(keys -> sealer.rekey(keys.current()));
      }
      int length = sealer.encode(payload, 0, payload.length, buffer, 0);
      return Arrays.copyOf(buffer, length);
    }
  }

  @Override
  public Object unmarshal(Exchange exchange, Object body) throws Exception {
    byte[] datagram =
        exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, body);
    return open(exchange, datagram);
  }

  @Override
  public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
    // One byte past the largest envelope is enough for the opener to call it oversize.
    return open(exchange, stream.readNBytes(Envelope.MAX_LENGTH + 1));
  }

  private byte[] open(Exchange exchange, byte[] datagram) throws EnvelopeRejectedException {
    OpenResult result;
    synchronized (opening) {
      checkInitialized();
      if (openingKeys != null) {
        openingKeys.changed().ifPresent(opener::rekey);
      }
      result = opener.open(datagram);
    }
    Message message = exchange.getMessage();
    if (result instanceof Opened opened) {
      message.setHeader(MulticastHeaders.SENDER_ID, String.format("%08x", opened.senderId()));
      message.setHeader(MulticastHeaders.EPOCH, opened.epoch());
      message.setHeader(MulticastHeaders.SEQUENCE, opened.sequence());
      message.setHeader(MulticastHeaders.SENT_AT, opened.timestamp());
      message.setHeader(MulticastHeaders.ENVELOPE_MODE, name(opened.mode()));
      return opened.payload();
    }
    EnvelopeRejectedException rejected = new EnvelopeRejectedException((RejectReason) result);
    Object group = message.getHeader(MulticastHeaders.GROUP);
    Object port = message.getHeader(MulticastHeaders.PORT);
    MulticastMetrics.rejected(
        exchange.getContext(),
        group == null ? "" : group.toString(),
        port == null ? "" : port.toString(),
        rejected.label());
    throw rejected;
  }

  private void checkInitialized() {
    if (envelopeMode == null) {
      throw new IllegalStateException(
          "the multicast envelope data format is not initialized (a route starts it)");
    }
  }

  private static EnvelopeMode parseMode(String mode) {
    String text = mode == null ? "" : mode.trim().toUpperCase(Locale.ROOT);
    for (EnvelopeMode candidate : EnvelopeMode.values()) {
      if (candidate.name().equals(text)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("mode '" + mode + "' is not auth, seal or seq");
  }

  private static String name(EnvelopeMode mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  /** The settings, never the key. */
  @Override
  public String toString() {
    return "EnvelopeDataFormat[mode=" + mode + ", keyFile=" + keyFile + "]";
  }
}
