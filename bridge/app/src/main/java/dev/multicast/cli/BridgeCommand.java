package dev.multicast.cli;

import dev.multicast.bridge.BridgeSettings;
import dev.multicast.bridge.KafkaConnection;
import dev.multicast.bridge.MulticastBridge;
import dev.multicast.camel.Site;
import dev.multicast.core.Group;
import dev.multicast.core.Interfaces;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code multicast bridge}: multicast groups to and from JMS, files and HTTP, with Camel. */
@Command(
    name = "bridge",
    sortOptions = false,
    header = "Bridge groups to JMS, files and HTTP with Camel routes.",
    description = {
      "Runs YAML routes (Camel's YAML DSL) with the multicast-source and",
      "multicast-sink Kamelets. Without --routes: multicast -> topic multicast.in,",
      "queue multicast.out -> multicast, and POST /say -> multicast. Runs an embedded",
      "ActiveMQ Artemis broker ("
          + BridgeSettings.DEFAULT_BROKER_URL
          + ", journal in DATA/broker) unless",
      "--broker-url names another. Everything it serves listens on "
          + BridgeSettings.LOOPBACK
          + " unless",
      "--listen says otherwise."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  multicast bridge --iface lo",
      "  multicast bridge --iface eth0 \\",
      "      --routes routes/examples/multicast-to-file.camel.yaml",
      "  multicast bridge --iface eth0 --broker-url tcp://broker.example:61616",
      "  multicast bridge --iface eth0 --kafka kafka1:9092,kafka2:9092 \\",
      "      -p kafka.linger.ms=5",
      "  curl -H 'Content-Type: text/plain' -d 'hello' http://127.0.0.1:8080/say"
    })
final class BridgeCommand implements Callable<Integer> {
  private final Context context;

  @Option(
      names = "--routes",
      paramLabel = "FILE|DIR",
      description =
          "Route files or directories of them (repeatable; default: the built-in routes).")
  List<Path> routes = new ArrayList<>();

  @Option(
      names = "--broker-url",
      paramLabel = "URL",
      converter = Converters.BrokerUrl.class,
      description = "Use this broker instead of the embedded one, e.g. tcp://host:61616.")
  String brokerUrl;

  @Option(
      names = "--kafka",
      paramLabel = "SERVERS",
      converter = Converters.KafkaServers.class,
      description =
          "Run the default routes on the Kafka cluster of these bootstrap servers"
              + " (HOST:PORT, comma-separated) instead of JMS: multicast -> topic multicast.in,"
              + " topic multicast.out -> multicast; no broker starts.")
  String kafka;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "Kafka client properties as Kafka's tools take them (security protocol, SASL, TLS,"
              + " producer and consumer settings); -p kafka.KEY=VALUE sets one and wins.")
  Path kafkaConfig;

  @Option(
      names = "--broker-port",
      paramLabel = "N",
      converter = Converters.Port.class,
      description = "Port of the embedded broker (default: ${DEFAULT-VALUE}).")
  int brokerPort = BridgeSettings.DEFAULT_BROKER_PORT;

  @Option(
      names = "--listen",
      paramLabel = "ADDRESS",
      converter = Converters.ListenAddress.class,
      description =
          "Address the embedded broker, HTTP and management ports listen on (default:"
              + " ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String listen = BridgeSettings.LOOPBACK;

  @Mixin GroupOptions where;

  @Mixin AccessOptions access;

  @Mixin BrokerClientOptions brokerLogin;

  @Option(
      names = "--site",
      paramLabel = "NAME",
      description = "Name of this network, for loop prevention (default: the interface's network).")
  String site;

  @Option(
      names = "--http-port",
      paramLabel = "N",
      converter = Converters.Port.class,
      description = "Port of POST /say and other HTTP routes (default: ${DEFAULT-VALUE}).")
  int httpPort = BridgeSettings.DEFAULT_HTTP_PORT;

  @Option(
      names = "--management-port",
      paramLabel = "N",
      converter = Converters.Port.class,
      description =
          "Port of the monitor page (/), /observe/health and /observe/metrics (default:"
              + " ${DEFAULT-VALUE}).")
  int managementPort = BridgeSettings.DEFAULT_MANAGEMENT_PORT;

  @Option(
      names = {"-p", "--property"},
      paramLabel = "KEY=VALUE",
      description =
          "A property the routes read as {{KEY}}, e.g. multicast.files=/var/spool (repeatable).")
  Map<String, String> properties = new LinkedHashMap<>();

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Broker journal and dead letters go below this (default: ${DEFAULT-VALUE}).")
  Path data = Path.of("data");

  BridgeCommand(Context context) {
    this.context = context;
  }

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (kafka != null && brokerUrl != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--kafka and --broker-url both given (expected one: Kafka or a JMS broker)");
    }
    if (kafkaConfig != null && kafka == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--kafka-config " + kafkaConfig + " without --kafka (expected --kafka HOST:PORT too)");
    }
    Group target = where.group();
    NetworkInterface chosen = where.iface();
    NetworkInterface nif = chosen != null ? chosen : Interfaces.routeTo(target);
    BridgeSettings settings =
        new BridgeSettings(
            List.copyOf(routes),
            brokerUrl != null ? brokerLogin.url(brokerUrl) : null,
            brokerPort,
            target,
            nif,
            where.ttl,
            site != null ? site : Site.of(nif),
            listen,
            httpPort,
            managementPort,
            data,
            Map.copyOf(properties),
            kafka == null ? null : new KafkaConnection(kafka, kafkaConfig));
    new MulticastBridge(
            settings,
            access
                .access(listen, "multicast bridge", context.err())
                .withBrokerLogin(brokerLogin.login(context.env())),
            new PrintWriter(new OutputStreamWriter(context.out(), StandardCharsets.UTF_8), true))
        .run();
    return ExitCode.OK.code();
  }
}
