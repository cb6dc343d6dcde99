package dev.multicast.cli;

import dev.multicast.core.Addresses;
import dev.multicast.core.DatagramHandler;
import dev.multicast.core.Deadlines;
import dev.multicast.core.Group;
import dev.multicast.core.Receiver;
import dev.multicast.security.EnvelopeMode;
import dev.multicast.security.GroupKey;
import dev.multicast.security.KeyFile;
import dev.multicast.security.Opener;
import dev.multicast.security.Warmup;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Receives datagrams from one or more groups and writes them on standard output. */
@Command(
    name = "RECV",
    sortOptions = false,
    header = "Receive datagrams from groups and print them.",
    description = {
      "Receive from multicast groups and print each datagram on standard output.",
      "Without --daemon: one datagram (or --count), waiting up to --timeout."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  multicast RECV --iface lo --group 239.1.2.3 --timeout 5",
      "  multicast RECV --iface lo --groups 239.1.2.3 239.1.2.4 --count 10 \\",
      "      --format json",
      "  multicast RECV --iface lo --group 232.1.1.1 --source 127.0.0.1",
      "  multicast --daemon RECV --iface lo --stats --format hex"
    })
final class RecvCommand implements Callable<Integer> {
  /**
   * The longest a printer's warm-up runs: about what C1 needs for JSON on a busy 2-core machine.
   */
  private static final Duration PRINTER_WARMUP = Duration.ofMillis(200);

  private final MulticastCommand root;
  private final Context context;
  private final Defaults defaults;

  @Spec CommandSpec spec;

  @Mixin MembershipOptions where;

  @Mixin KeyOptions keys;

  @Mixin FreshnessOptions window;

  @Option(
      names = "--seq",
      description =
          "Without a key: read SAY --seq envelopes and count lost, duplicated and reordered"
              + " datagrams (with --stats).")
  boolean seq;

  @Option(
      names = "--source",
      paramLabel = "ADDR",
      converter = Converters.SourceAddress.class,
      description = "Source-specific join: accept datagrams from this sender only.")
  InetAddress source;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      completionCandidates = PayloadFormat.Names.class,
      description = "text (default), json, hex or base64.")
  PayloadFormat format = PayloadFormat.TEXT;

  @Option(
      names = "--stats",
      description =
          "Print the count and rate (and, with envelopes, loss and rejections) on standard error"
              + " at the end; one JSON object with --format json.")
  boolean stats;

  @Mixin DaemonOption daemon;

  @Option(
      names = "--count",
      paramLabel = "N",
      converter = Converters.Count.class,
      description = "Stop after N datagrams (default: 1, or no limit with --daemon).")
  Long count;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      converter = Converters.Seconds.class,
      description = "Stop after this long (default: 1, or no limit with --daemon).")
  Double timeout;

  RecvCommand(MulticastCommand root, Context context, Defaults defaults) {
    this.root = root;
    this.context = context;
    this.defaults = defaults;
  }

  @Override
  public Integer call() {
    long limit = count != null ? count : daemon.on(root) ? Long.MAX_VALUE : 1;
    double seconds = timeout != null ? timeout : daemon.on(root) ? Double.POSITIVE_INFINITY : 1;
    KeyFile keyFile = keys.file(defaults, context, "RECV");
    GroupKey key = keyFile == null ? null : keyFile.keys().current();
    Duration freshness = window.freshness(key);
    Opener opener =
        key != null
            ? Opener.keyed(keyFile.keys(), freshness, InstantSource.system())
            : seq ? Opener.unkeyed() : null;
    List<Group> groups = where.selected();
    for (Group group : groups) {
      if (source != null && group.address().getClass() != source.getClass()) {
        throw new ParameterException(
            spec.commandLine(),
            String.format(
                "--source %s and group %s are of different IP versions (expected a sender of the"
                    + " group's own version)",
                Addresses.text(source), group.host()));
      }
    }
    try (OnSignal signal = OnSignal.install();
        Receiver receiver = Receiver.open(groups, where.options(), source);
        DatagramPrinter printer = new DatagramPrinter(format, context.out());
        ReceiveStats counter =
            new ReceiveStats(
                context.err(), stats && context.liveStatus(), format == PayloadFormat.JSON)) {
      signal.whenFired(receiver::close);
      counter.countKernelDrops(receiver::kernelDrops);
      if (key != null && limit > 1) {
        warmUp(receiver.groups().get(0));
      } else if (format != PayloadFormat.TEXT && limit > 1) {
        warmUpPrinter(receiver.groups().get(0));
      }
      // The timeout counts from here: what arrived during the warm-up waits in the socket buffer.
      long deadline =
          Deadlines.after(Double.isInfinite(seconds) ? null : Converters.duration(seconds));
      if (root.verbose) {
        context.err().println("RECV: listening on " + receiver.groups());
      }
      DatagramHandler handler =
          handler(opener, counter, printer, root.verbose ? context.err() : null);
      while (counter.datagrams() < limit && receiver.isOpen()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        receiver.poll(
            handler,
            Deadlines.pollMillis(left),
            (int) Math.min(Integer.MAX_VALUE, limit - counter.datagrams()));
        printer.flush();
        if (keyFile != null) {
          keyFile.changed().ifPresent(opener::rekey);
        }
      }
      printer.flush();
      if (stats) {
        counter.summarize();
      }
      if (signal.fired()) {
        return ExitCode.OK.code(); // the JVM exits with the signal's own code
      }
      boolean enough = counter.datagrams() > 0 && (count == null || counter.datagrams() >= count);
      if (!enough) {
        String got =
            counter.datagrams() == 0
                ? "no datagram"
                : "received " + counter.datagrams() + " of " + count + " datagrams";
        context.err().printf("RECV: %s on %s within %s s%n", got, receiver.groups(), seconds);
        return ExitCode.NOTHING.code();
      }
      return ExitCode.OK.code();
    }
  }

  /**
   * What each datagram goes through: the envelope check when there is an opener, then counting and
   * printing. The warm-up builds its throwaway paths here too, so that the JIT compiles this one.
   */
  private static DatagramHandler handler(
      Opener opener, ReceiveStats counter, DatagramPrinter printer, PrintWriter verbose) {
    if (opener == null) {
      return (group, from, payload) -> {
        counter.add(payload.remaining());
        printer.onDatagram(group, from, payload);
      };
    }
    EnvelopeReader envelopes =
        new EnvelopeReader(
            opener,
            (group, from, opened) -> {
              counter.add(opened.payload().length);
              printer.onOpened(group, from, opened);
            },
            verbose);
    counter.describeWith(envelopes);
    return envelopes;
  }

  /**
   * Before an unkeyed stream in JSON, hex or base64: counting and printing, for a few thousand
   * throwaway datagrams or at most {@link #PRINTER_WARMUP}, so that C1 has compiled the encoders by
   * the first real datagram; interpreted, JSON fell behind an unpaced sender for its first tens of
   * thousands of datagrams (bench/run). Text is printed as it comes and needs none.
   */
  private void warmUpPrinter(Group group) {
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    DatagramHandler throwaway =
        handler(
            null,
            new ReceiveStats(nowhere, false, format == PayloadFormat.JSON),
            new DatagramPrinter(format, OutputStream.nullOutputStream()),
            null);
    InetSocketAddress nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);
    ByteBuffer payload = ByteBuffer.allocateDirect(100);
    while (payload.hasRemaining()) {
      payload.put((byte) 'x');
    }
    long deadline = System.nanoTime() + PRINTER_WARMUP.toNanos();
    for (int i = 0; i < 10_000 && System.nanoTime() < deadline; i++) {
      throwaway.onDatagram(group, nobody, payload.flip());
    }
  }

  /**
   * Before a keyed stream: the whole receiving path, opening, counting and printing, run on
   * throwaway keys (see {@link Warmup}), after joining, so that what comes meanwhile waits in the
   * socket buffer, and before saying so. The output goes to /dev/null through the same stream class
   * as standard output, so that the compiled write is the one the stream uses.
   */
  private void warmUp(Group group) {
    OutputStream sink;
    try {
      sink = new FileOutputStream("/dev/null");
    } catch (IOException e) {
      sink = OutputStream.nullOutputStream();
    }
    PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
    try (OutputStream out = sink) {
      Warmup.receiver(
          List.of(EnvelopeMode.AUTH, EnvelopeMode.SEAL),
          Warmup.RECEIVER_PAYLOAD,
          Warmup.DEFAULT_BUDGET,
          group,
          throwaway ->
              handler(
                  throwaway,
                  new ReceiveStats(nowhere, false, format == PayloadFormat.JSON),
                  new DatagramPrinter(format, out),
                  null));
    } catch (IOException e) {
      // Closing /dev/null: nothing was lost.
    }
  }
}
