package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.bridge.EmbeddedBroker;
import dev.multicast.bridge.TestCertificates;
import dev.multicast.bridge.access.BrokerSecurity;
import dev.multicast.bridge.access.Tls;
import dev.multicast.testing.Ports;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code consume --tls-ca}: over TLS to a broker whose certificate that CA signed, and no other.
 */
class ConsumeTlsTest {
  @TempDir Path temp;

  @Test
  void consumesOverTlsWithTheRightCaAndIsRefusedWithAnother() throws Exception {
    TestCertificates right = TestCertificates.make(temp.resolve("certs"), "right");
    TestCertificates wrong = TestCertificates.make(temp.resolve("certs"), "wrong");
    try (EmbeddedBroker broker =
        EmbeddedBroker.start(
            temp.resolve("broker"),
            "127.0.0.1",
            Ports.free(),
            BrokerSecurity.anonymous(),
            Optional.of(new Tls(right.cert(), right.key())))) {
      String trusting =
          broker.url() + "?sslEnabled=true&trustStoreType=PEMCA&trustStorePath=" + right.ca();
      try (Connection connection = new ActiveMQConnectionFactory(trusting).createConnection()) {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        session.createProducer(session.createQueue("tls.q")).send(session.createTextMessage("hi"));
      }

      Cli.Result good = consumeOne(broker, right.ca());
      assertEquals(0, good.exitCode(), good.err());
      assertTrue(good.out().contains("\"body\":\"hi\""), good.out());

      Cli.Result bad = consumeOne(broker, wrong.ca());
      assertEquals(ExitCode.UNAVAILABLE.code(), bad.exitCode(), bad.err());
      assertEquals(1, bad.err().lines().count(), bad.err());
    }
  }

  /** {@code consume} of one message from tls.q, trusting only {@code ca}. */
  private static Cli.Result consumeOne(EmbeddedBroker broker, Path ca) {
    return Cli.run(
        "consume",
        "--queue",
        "tls.q",
        "--broker-url",
        broker.url(),
        "--tls-ca",
        ca.toString(),
        "--count",
        "1");
  }
}
