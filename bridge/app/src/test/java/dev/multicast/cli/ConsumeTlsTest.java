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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

      Cli.Result good =
          Cli.run(
              "consume",
              "--queue",
              "tls.q",
              "--broker-url",
              broker.url(),
              "--tls-ca",
              right.ca().toString(),
              "--count",
              "1");
      assertEquals(0, good.exitCode(), good.err());
      assertTrue(good.out().contains("\"body\":\"hi\""), good.out());

      // In a JVM of its own, so that what the broker client logs is seen too: one line in all.
      Path out = temp.resolve("bad.out");
      Path err = temp.resolve("bad.err");
      Process bad =
          Cli.spawn(
              out,
              err,
              "consume",
              "--queue",
              "tls.q",
              "--broker-url",
              broker.url(),
              "--tls-ca",
              wrong.ca().toString(),
              "--count",
              "1");
      assertTrue(bad.waitFor(60, TimeUnit.SECONDS), "consume still running");
      String said = Files.readString(err);
      assertEquals(ExitCode.UNAVAILABLE.code(), bad.exitValue(), said);
      assertEquals(1, said.lines().count(), said);
    }
  }
}
