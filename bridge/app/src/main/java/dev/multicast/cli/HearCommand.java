package dev.multicast.cli;

import dev.multicast.core.Addresses;
import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import dev.multicast.echo.EchoService;
import dev.multicast.security.GroupKey;
import dev.multicast.security.KeyFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The echo service: replies to every datagram, in the reference tool's format. */
@Command(
    name = "HEAR",
    sortOptions = false,
    header = "Echo service: reply to each datagram (reference format).",
    description = {
      "Reply to each datagram by unicast to its sender:",
      "  HEAR [ <PAYLOAD IN UPPER CASE> SAID ('<ip>', <port>) ] from <group>",
      "A payload containing STOP gets its reply, then HEAR exits 0. Datagrams on",
      "--groups other than --group are also relayed to --group. Without --daemon:",
      "answers one datagram."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  multicast --daemon HEAR --iface lo --group 239.1.2.3",
      "  multicast --daemon HEAR --iface lo --group 239.1.2.3 --groups 239.1.2.4"
    })
final class HearCommand implements Callable<Integer> {
  private final MulticastCommand root;
  private final Context context;
  private final Defaults defaults;

  @Mixin MembershipOptions where;

  @Mixin KeyOptions keys;

  @Mixin FreshnessOptions window;

  @Mixin DaemonOption daemon;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      converter = Converters.Seconds.class,
      description = "Stop after this long (default: no limit).")
  Double timeout;

  HearCommand(MulticastCommand root, Context context, Defaults defaults) {
    this.root = root;
    this.context = context;
    this.defaults = defaults;
  }

  @Override
  public Integer call() {
    Group home = where.group();
    KeyFile keyFile = keys.file(defaults, context, "HEAR");
    GroupKey key = keyFile == null ? null : keyFile.keys().current();
    Duration freshness = window.freshness(key);
    try (OnSignal signal = OnSignal.install();
        EchoService service =
            EchoService.open(home, where.groups(), where.options(), key, freshness)) {
      signal.whenFired(service::close);
      if (keyFile != null) {
        service.following(keyFile);
      }
      if (root.verbose) {
        context.err().println("HEAR: listening on " + service.groups());
      }
      EchoService.Result result =
          service.serve(
              daemon.on(root) ? Long.MAX_VALUE : 1,
              timeout == null ? null : Duration.ofMillis((long) (timeout * 1000)),
              new Printer(context.out()));
      if (signal.fired() || result.stopped() || result.replies() > 0) {
        return ExitCode.OK.code();
      }
      context.err().printf("HEAR: no datagram on %s within %s s%n", service.groups(), timeout);
      return ExitCode.NOTHING.code();
    }
  }

  /**
   * Prints each reply on standard output, at once; datagrams it cannot answer, on standard error.
   * Standard output that fails ends HEAR ({@link StandardOutputException}) rather than leaving it
   * replying with its log lost.
   */
  private final class Printer implements EchoService.Listener {
    private final OutputStream out;

    Printer(OutputStream out) {
      this.out = out;
    }

    @Override
    public void replied(Datagram heard, String reply) {
      try {
        out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        throw new StandardOutputException(e);
      }
    }

    @Override
    public void ignored(Datagram heard, String why) {
      context
          .err()
          .printf(
              "HEAR: ignored a datagram of %d bytes from %s: %s%n",
              heard.size(), Addresses.text(heard.source()), why);
    }
  }
}
