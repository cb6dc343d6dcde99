package dev.multicast.bridge;

import dev.multicast.bridge.access.BrokerSecurity;
import dev.multicast.bridge.access.Tls;
import dev.multicast.core.Addresses;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The ActiveMQ Artemis broker the bridge runs in its own process when no external one is given: a
 * real, persistent broker (journal under {@code dataDir}) with one acceptor on which any JMS
 * (CORE), AMQP, STOMP or MQTT client can connect, and an in-VM acceptor for the bridge's own
 * routes. Security is always on: {@link BrokerSecurity} says who connects, and management is for
 * {@code admin} alone.
 */
public final class EmbeddedBroker implements AutoCloseable {
  /** Where undeliverable messages go after {@link #MAX_DELIVERY_ATTEMPTS}. */
  public static final String DEAD_LETTER = "multicast.dead";

  /** The acceptor other clients connect to. */
  private static final String ACCEPTOR = "multicast";

  /** Where messages that expire go. */
  public static final String EXPIRED = "multicast.expired";

  private static final int MAX_DELIVERY_ATTEMPTS = 10;

  private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
  private final String url;
  private final String inVmUrl;

  private EmbeddedBroker(String host, int port) {
    this.url = "tcp://" + Addresses.text(new InetSocketAddress(host, port));
    this.inVmUrl = inVmUrl(port);
  }

  /**
   * Starts a broker that keeps its journal under {@code dataDir} and listens on host:port.
   *
   * @throws CannotListenException when its acceptor could not bind host:port (taken since the
   *     command checked it); the broker is stopped again
   */
  public static EmbeddedBroker start(Path dataDir, String host, int port) throws Exception {
    return start(dataDir, host, port, BrokerSecurity.anonymous());
  }

  /**
   * Starts a broker as {@link #start(Path, String, int)} does, that lets in whom {@code security}
   * lets in.
   */
  public static EmbeddedBroker start(Path dataDir, String host, int port, BrokerSecurity security)
      throws Exception {
    return start(dataDir, host, port, security, Optional.empty());
  }

  /** As {@link #start(Path, String, int, BrokerSecurity)}, over TLS when {@code tls} is given. */
  public static EmbeddedBroker start(
      Path dataDir, String host, int port, BrokerSecurity security, Optional<Tls> tls)
      throws Exception {
    EmbeddedBroker broker = new EmbeddedBroker(host, port);
    String acceptor =
        broker.url
            + "?protocols=CORE,AMQP,STOMP,MQTT"
            + tls.map(given -> "&" + given.acceptorParameters()).orElse("");
    Configuration config = configuration(dataDir, acceptor, broker.inVmUrl);
    security.configure(config);
    broker.server.setConfiguration(config);
    broker.server.setSecurityManager(security);
    broker.server.start();
    // Artemis logs a failed bind and returns from start() inactive, which left clients waiting.
    if (!broker.server.getActiveMQServer().isActive()) {
      broker.server.stop();
      throw new CannotListenException(
          "the broker cannot listen on "
              + Addresses.text(new InetSocketAddress(host, port))
              + " (expected a free port on an address of this host)",
          false);
    }
    return broker;
  }

  private static Configuration configuration(Path dataDir, String acceptor, String inVmUrl)
      throws Exception {
    Path dir = dataDir.toAbsolutePath();
    Configuration config =
        new ConfigurationImpl()
            .setName("multicast")
            .setPersistenceEnabled(true)
            .setJMXManagementEnabled(false)
            .setJournalDirectory(dir.resolve("journal").toString())
            .setBindingsDirectory(dir.resolve("bindings").toString())
            .setPagingDirectory(dir.resolve("paging").toString())
            .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
            .addAcceptorConfiguration(ACCEPTOR, acceptor)
            .addAcceptorConfiguration("in-vm", inVmUrl);
    config.addAddressSetting(
        "#",
        new AddressSettings()
            .setDeadLetterAddress(SimpleString.of(DEAD_LETTER))
            .setExpiryAddress(SimpleString.of(EXPIRED))
            .setMaxDeliveryAttempts(MAX_DELIVERY_ATTEMPTS)
            .setAutoCreateQueues(true)
            .setAutoCreateAddresses(true)
            .setAutoCreateDeadLetterResources(true)
            .setAutoCreateExpiryResources(true));
    return config;
  }

  /** The URL clients connect to, such as {@code tcp://127.0.0.1:61616}. */
  public String url() {
    return url;
  }

  /**
   * The URL for clients in this JVM of the broker listening on {@code port}, such as {@code
   * vm://61616}: messages pass in memory, without a socket in between. In-VM ids are per JVM; the
   * port is already unique among this host's brokers.
   */
  public static String inVmUrl(int port) {
    return "vm://" + port;
  }

  /** Whether the broker runs and takes clients; false once it stopped, whoever stopped it. */
  public boolean isActive() {
    return server.getActiveMQServer() != null && server.getActiveMQServer().isActive();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
