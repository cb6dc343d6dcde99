package dev.multicast.cli;

import dev.multicast.bridge.BridgeSettings;
import dev.multicast.bridge.DataDirectories;
import dev.multicast.bridge.EmbeddedBroker;
import dev.multicast.bridge.ListenPorts;
import dev.multicast.bridge.access.Access;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code multicast broker}: the bridge's embedded Artemis broker on its own, so that bridges on
 * several networks can share one broker (each with {@code --broker-url}).
 */
@Command(
    name = "broker",
    sortOptions = false,
    header = "Run the bridge's ActiveMQ Artemis broker on its own.",
    description = {
      "The same broker 'multicast bridge' embeds (CORE, AMQP, STOMP and MQTT on",
      "one port, persistent journal in DATA/broker, dead letters to multicast.dead),",
      "without routes. Runs until interrupted."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  multicast passwd users.txt site-b --roles send,receive",
      "  multicast broker --listen 0.0.0.0 --users users.txt",
      "  multicast bridge --iface eth0 --broker-url tcp://broker-host:61616"
    })
final class BrokerCommand implements Callable<Integer> {
  private final Context context;

  @Option(
      names = "--listen",
      paramLabel = "ADDRESS",
      converter = Converters.ListenAddress.class,
      description =
          "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String listen = BridgeSettings.LOOPBACK;

  @Option(
      names = {"--port", "--broker-port"},
      paramLabel = "N",
      converter = Converters.Port.class,
      description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port = BridgeSettings.DEFAULT_BROKER_PORT;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "The journal goes in DIR/broker (default: ${DEFAULT-VALUE}).")
  Path data = Path.of("data");

  @Mixin AccessOptions access;

  BrokerCommand(Context context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Path journal = data.resolve("broker");
    Access who = access.access(listen, "multicast broker", context.err());
    ListenPorts.checkFree(listen, Map.of(port, "--port"));
    DataDirectories.prepare("--data", journal);
    try (OnSignal signal = OnSignal.install();
        EmbeddedBroker broker =
            EmbeddedBroker.start(journal, listen, port, who.brokerSecurity(), who.tls())) {
      CountDownLatch stopped = new CountDownLatch(1);
      signal.whenFired(stopped::countDown);
      PrintStream out = new PrintStream(context.out(), true, StandardCharsets.UTF_8);
      out.printf(
          "multicast broker: %s%s (journal in %s)%n",
          broker.url(), who.tls().isPresent() ? " (TLS)" : "", journal);
      out.printf("  access   %s%n", who.describe());
      stopped.await();
      return ExitCode.OK.code();
    }
  }
}
