package dev.multicast.cli;

import dev.multicast.core.Addresses;
import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.core.MulticastException;
import dev.multicast.core.Sender;
import dev.multicast.security.EnvelopeMode;
import dev.multicast.security.GroupKey;
import dev.multicast.security.KeyFile;
import dev.multicast.security.OpenResult;
import dev.multicast.security.Opened;
import dev.multicast.security.Opener;
import dev.multicast.security.Sealer;
import dev.multicast.security.Warmup;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Sends a message to a group: each message is one datagram of its raw bytes. */
@Command(
    name = "SAY",
    sortOptions = false,
    header = "Send a message as one datagram; --ack waits for replies.",
    description = {
      "Send a message to a multicast group (or to each of --groups) as one datagram",
      "of its bytes, and optionally wait for HEAR replies."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  multicast SAY --iface lo --group 239.1.2.3 -m hello world",
      "  multicast SAY --iface lo --file payload.bin",
      "  printf 'line one\\nline two' | multicast SAY --iface lo --pipe",
      "  multicast SAY --iface lo -m tick --count 1000 --rate 100",
      "  multicast SAY --iface lo -m ping --ack 2 --timeout 3"
    })
final class SayCommand implements Callable<Integer> {
  private final MulticastCommand root;
  private final Context context;
  private final Defaults defaults;

  @Spec CommandSpec spec;

  /** Room for a --numbered prefix: a count has at most 19 digits, then a space. */
  private static final int NUMBER_ROOM = 20;

  private long lastSentNanos;
  private Sealer envelopes;
  // Read again while a stream runs, so that a rotated key takes over without a restart.
  private KeyFile keyFile;
  private Opener replies;
  private final ByteBuffer sealed = ByteBuffer.allocateDirect(Datagram.MAX_PAYLOAD);

  @Mixin MembershipOptions where;

  @Mixin KeyOptions keys;

  /** For the replies of {@code --ack}: a HEAR on a clock further off than this is not heard. */
  @Mixin FreshnessOptions window;

  @Option(
      names = "--seal",
      description = "With a key: encrypt the payload too (AES-256-GCM), not only sign it.")
  boolean seal;

  @Option(
      names = "--seq",
      description =
          "Without a key: send envelopes with sequence numbers only, so that RECV --seq counts"
              + " what was lost. With a key, envelopes always carry them.")
  boolean seq;

  /** What SAY sends: one of these; without any, the reference's PING. */
  static final class Source {
    @Option(
        names = {"-m", "--message"},
        paramLabel = "WORDS",
        arity = "1..*",
        description = "The message, words joined by one space; '-' reads standard input.")
    List<String> message;

    @Option(
        names = "--pipe",
        description = "Send standard input, in chunks of at most MULTICAST_BUFFER_SIZE bytes.")
    boolean pipe;

    @Option(
        names = "--file",
        paramLabel = "PATH",
        converter = Converters.FilePath.class,
        description = "Send the file as one datagram.")
    Path file;

    boolean fromStdin() {
      return pipe || List.of("-").equals(message);
    }
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source = new Source();

  @Option(
      names = "--count",
      paramLabel = "N",
      converter = Converters.Count.class,
      description = "Send the message N times (default: ${DEFAULT-VALUE}).")
  long count = 1;

  @Option(
      names = "--numbered",
      description =
          "Start each message with its number and a space (1 hello, 2 hello, ...), so that"
              + " receivers can tell which ones are missing or repeated.")
  boolean numbered;

  @Option(
      names = "--rate",
      paramLabel = "PER_SECOND",
      converter = Converters.Rate.class,
      description = "Send at most this many datagrams a second (default: as fast as possible).")
  Double rate;

  @Option(
      names = "--ack",
      paramLabel = "N",
      converter = Converters.Count.class,
      description = "Wait for N HEAR replies and print each; exit 1 when fewer come.")
  Long ack;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      converter = Converters.Seconds.class,
      description = "How long --ack waits for replies (default: ${DEFAULT-VALUE}).")
  double timeout = 1;

  SayCommand(MulticastCommand root, Context context, Defaults defaults) {
    this.root = root;
    this.context = context;
    this.defaults = defaults;
  }

  @Override
  public Integer call() throws IOException {
    boolean fromStdin = source.fromStdin();
    if (fromStdin && count != 1) {
      throw new ParameterException(
          spec.commandLine(), "--count repeats -m or --file; it cannot repeat --pipe");
    }
    if (numbered && (fromStdin || source.file != null)) {
      throw new ParameterException(
          spec.commandLine(), "--numbered numbers -m messages; it cannot number --pipe or --file");
    }
    keyFile = keys.file(defaults, context, "SAY");
    GroupKey key = keyFile == null ? null : keyFile.keys().current();
    if (seal && key == null) {
      throw new ParameterException(
          spec.commandLine(), "--seal needs a key: give --key-file or set MULTICAST_KEY_FILE");
    }
    envelopes =
        key != null
            ? Sealer.keyed(seal ? EnvelopeMode.SEAL : EnvelopeMode.AUTH, key)
            : seq ? Sealer.seq() : null;
    replies =
        key != null
            ? Opener.keyed(keyFile.keys(), window.freshness(key), InstantSource.system())
            : null;
    List<Group> targets = where.selected();
    if (targets.stream().map(Group::isIpv6).distinct().count() > 1) {
      throw new ParameterException(
          spec.commandLine(), "give IPv4 groups or IPv6 groups, not both: " + targets);
    }
    List<InetSocketAddress> to = targets.stream().map(Group::socketAddress).toList();
    Pacer pacer = new Pacer(rate);
    try (Sender sender = Sender.open(targets.get(0), where.options())) {
      long sent = 0;
      if (fromStdin) {
        warmUp(defaults.bufferSize());
        Utf8Chunks chunks = new Utf8Chunks(context.in(), defaults.bufferSize());
        for (byte[] chunk = chunks.next(); chunk != null; chunk = chunks.next(), sent++) {
          sendToAll(sender, to, ByteBuffer.wrap(chunk), pacer);
        }
      } else {
        byte[] message = payload(targets.get(0));
        // A direct buffer is handed to the kernel as it is; a heap one is copied on every send.
        ByteBuffer payload =
            ByteBuffer.allocateDirect(message.length + NUMBER_ROOM).put(message).flip();
        if (count > 1) {
          warmUp(payload.remaining());
        }
        for (; sent < count; sent++) {
          if (numbered) {
            number(payload, sent + 1, message);
          }
          sendToAll(sender, to, payload, pacer);
        }
      }
      if (root.verbose) {
        context.err().println("SAY: sent " + sent + " message(s) to " + targets);
      }
      return ack == null ? ExitCode.OK.code() : awaitReplies(sender);
    }
  }

  /**
   * Before a keyed stream: sealing run on a throwaway key (see {@link Warmup}), so that the stream
   * starts at the speed of compiled ciphers. One message goes at once: it would wait longer for the
   * warm-up than it gains.
   */
  private void warmUp(int payloadLength) {
    if (envelopes != null && envelopes.mode().isKeyed()) {
      Warmup.sender(envelopes.mode(), payloadLength, Warmup.DEFAULT_BUDGET);
    }
  }

  private static void number(ByteBuffer payload, long number, byte[] message) {
    byte[] prefix = (number + " ").getBytes(StandardCharsets.US_ASCII);
    if (prefix.length + message.length > Datagram.MAX_PAYLOAD) {
      throw new MulticastException(
          MulticastException.Reason.TOO_LARGE,
          "message "
              + number
              + " has "
              + (prefix.length + message.length)
              + " bytes with its number, more than one datagram can carry (at most "
              + Datagram.MAX_PAYLOAD
              + " bytes)");
    }
    payload.clear().put(prefix).put(message).flip();
  }

  /**
   * Sends one message to every target, paced, leaving the buffer as it was; in one envelope, when
   * SAY makes them.
   */
  private void sendToAll(
      Sender sender, List<InetSocketAddress> to, ByteBuffer message, Pacer pacer) {
    ByteBuffer payload = message;
    if (envelopes != null) {
      if (keyFile != null) {
        keyFile.changed().ifPresent(keys -> envelopes.rekey(keys.current()));
      }
      sealed.clear();
      envelopes.encode(message.rewind(), sealed);
      payload = sealed.flip();
    }
    for (InetSocketAddress target : to) {
      pacer.await();
      sender.sendTo(target, payload.rewind());
      lastSentNanos = System.nanoTime();
    }
  }

  private byte[] payload(Group group) throws IOException {
    Path file = source.file;
    if (file != null) {
      if (Files.isDirectory(file)) {
        throw new NoInputException("file " + file + " is a directory (expected a file to send)");
      }
      // At most one byte more than a datagram takes: a device such as /dev/zero never ends.
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(Datagram.MAX_PAYLOAD + 1);
      }
      if (bytes.length > Datagram.MAX_PAYLOAD) {
        // A regular file's size is known; a device or a pipe only gave more than fits.
        String size =
            Files.isRegularFile(file)
                ? "has " + Files.size(file) + " bytes, more"
                : "gives more bytes";
        throw new MulticastException(
            MulticastException.Reason.TOO_LARGE,
            String.format(
                "file %s %s than one datagram can carry (at most %d bytes)",
                file, size, Datagram.MAX_PAYLOAD));
      }
      return bytes;
    }
    String text =
        source.message != null
            ? String.join(" ", source.message)
            : "PING from " + hostName() + ": group: " + group.host() + ", port: " + group.port();
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** This host's name, as the reference's PING names it; no DNS lookup. */
  private String hostName() {
    String name = context.env().get("HOSTNAME");
    if (name == null) {
      try {
        name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      } catch (IOException e) {
        name = "multicast";
      }
    }
    return name;
  }

  /** The reply's text; with a key, only of a reply that opens, else null. */
  private String replyText(Datagram reply) {
    if (replies == null) {
      return reply.text();
    }
    OpenResult opened = replies.open(reply.payload());
    return opened instanceof Opened envelope
        ? new String(envelope.payload(), StandardCharsets.UTF_8)
        : null;
  }

  /** Prints each reply as it comes, with who sent it and the time since the last send. */
  private int awaitReplies(Sender sender) {
    long sentAt = lastSentNanos;
    PrintWriter out = spec.commandLine().getOut();
    long deadline = sentAt + (long) (timeout * 1e9);
    long answered = 0;
    while (answered < ack) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      Optional<Datagram> reply = sender.receiveReply(Duration.ofNanos(left));
      if (reply.isEmpty()) {
        break;
      }
      String text = replyText(reply.get());
      if (text == null) {
        continue; // not from a holder of the key: no reply at all
      }
      answered++;
      double millis = (System.nanoTime() - sentAt) / 1e6;
      out.printf(
          "reply from %s in %.2f ms: %s%n", Addresses.text(reply.get().source()), millis, text);
    }
    out.flush();
    if (answered < ack) {
      context.err().printf("SAY: got %d of %d replies within %s s%n", answered, ack, timeout);
      return ExitCode.NOTHING.code();
    }
    return ExitCode.OK.code();
  }
}
