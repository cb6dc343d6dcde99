package dev.multicast.bridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.multicast.bridge.access.Access;
import dev.multicast.bridge.access.BrokerSecurity;
import dev.multicast.bridge.access.Tls;
import dev.multicast.core.Group;
import dev.multicast.core.Receiver;
import dev.multicast.testing.Loopback;
import dev.multicast.testing.Ports;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * With --tls-cert and --tls-key the broker acceptor and the HTTP servers speak TLS: a client that
 * trusts the CA gets in, one that trusts another CA does not.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsTest {
  @TempDir static Path temp;
  private TestCertificates right;
  private TestCertificates wrong;
  private EmbeddedBroker broker;

  @BeforeAll
  void start() throws Exception {
    right = TestCertificates.make(temp.resolve("certs"), "right");
    wrong = TestCertificates.make(temp.resolve("certs"), "wrong");
    broker =
        EmbeddedBroker.start(
            temp.resolve("broker"),
            "127.0.0.1",
            Ports.free(),
            BrokerSecurity.anonymous(),
            Optional.of(new Tls(right.cert(), right.key())));
  }

  @AfterAll
  void stop() throws Exception {
    broker.close();
  }

  private String trusting(Path ca) {
    return broker.url()
        + "?sslEnabled=true&verifyHost=true&trustStoreType=PEMCA&trustStorePath="
        + ca
        + "&initialConnectAttempts=1&reconnectAttempts=0";
  }

  @Test
  void aJmsClientTrustingTheCaSendsAndReceives() throws Exception {
    try (JmsClient client = new JmsClient(trusting(right.ca()))) {
      MessageConsumer consumer = client.consume("over.tls");
      client.send("over.tls", "secret".getBytes(StandardCharsets.UTF_8), Map.of());
      Message message = consumer.receive(10_000);
      assertArrayEquals("secret".getBytes(StandardCharsets.UTF_8), JmsClient.body(message));
    }
  }

  @Test
  void aJmsClientTrustingAnotherCaIsRefused() {
    assertThrows(JMSException.class, () -> new JmsClient(trusting(wrong.ca())).close());
  }

  @Test
  void theBridgesHttpServersSpeakTlsToClientsThatTrustTheCa() throws Exception {
    Group group = Loopback.group();
    Access tls = Access.ANONYMOUS.withTls(Optional.of(new Tls(right.cert(), right.key())));
    try (RunningBridge bridge = RunningBridge.start(temp.resolve("bridge"), group, null, tls);
        Receiver receiver = Receiver.open(List.of(group), Loopback.options())) {
      URI say = URI.create("https://127.0.0.1:" + bridge.settings().httpPort() + "/say");
      URI health =
          URI.create("https://127.0.0.1:" + bridge.settings().managementPort() + "/observe/health");
      HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(right)).build();
      HttpResponse<String> said =
          trusting.send(
              HttpRequest.newBuilder(say)
                  .header("Content-Type", "text/plain")
                  .POST(HttpRequest.BodyPublishers.ofString("over https"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(202, said.statusCode(), said.body());
      assertEquals("over https", receiver.receive(Duration.ofSeconds(10)).orElseThrow().text());
      assertEquals(
          200,
          trusting
              .send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString())
              .statusCode());

      HttpClient other = HttpClient.newBuilder().sslContext(trusting(wrong)).build();
      assertThrows(
          IOException.class,
          () ->
              other.send(
                  HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString()));
    }
  }

  private static SSLContext trusting(TestCertificates certificates) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(certificates.ca())) {
      trusted.setCertificateEntry(
          "ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
