package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.testing.Ports;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code multicast broker}: the bridge's broker on its own, in its own JVM. */
class BrokerCommandTest {
  @TempDir Path temp;

  @Test
  void brokerKeepsAQueuedMessageAcrossARestart() throws Exception {
    int port = Ports.free();
    String url = "tcp://127.0.0.1:" + port;
    Process first = startBroker(port);
    try (Connection connection = new ActiveMQConnectionFactory(url).createConnection()) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      session.createProducer(session.createQueue("kept")).send(session.createTextMessage("hello"));
    }
    SignalTest.signal(first, "TERM");
    assertTrue(first.waitFor(20, TimeUnit.SECONDS), "broker still running after SIGTERM");
    assertEquals(143, first.exitValue());

    Process second = startBroker(port);
    try (Connection connection = new ActiveMQConnectionFactory(url).createConnection()) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      connection.start();
      Message kept = session.createConsumer(session.createQueue("kept")).receive(10_000);
      assertEquals("hello", kept.getBody(String.class));
    } finally {
      second.destroyForcibly();
    }
  }

  @Test
  void listenRefusesAnAddressThisHostDoesNotHave() {
    Cli.Result result = Cli.run("broker", "--listen", "192.0.2.1");

    assertEquals(2, result.exitCode());
    assertTrue(result.err().contains("'192.0.2.1' is not an address of this host"), result.err());
  }

  @Test
  void aPortAnotherProgramHoldsExitsSixtyNineNamingIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Cli.Result result =
          Cli.run("broker", "--port", Integer.toString(port), "--data", temp.toString());

      assertEquals(ExitCode.UNAVAILABLE.code(), result.exitCode(), result.err());
      assertEquals(
          "multicast broker: cannot listen on 127.0.0.1:"
              + port
              + " (--port): Address already in use (expected a free port on an address of this"
              + " host)",
          result.err().strip());
    }
  }

  private Process startBroker(int port) throws Exception {
    Path out = temp.resolve("out-" + System.nanoTime());
    Process broker =
        Cli.spawn(out, "broker", "--port", Integer.toString(port), "--data", temp.toString());
    try {
      Cli.awaitOutput(
          broker, out, "multicast broker: tcp://127.0.0.1:" + port, Duration.ofSeconds(30));
      return broker;
    } catch (RuntimeException | AssertionError e) {
      broker.destroyForcibly();
      throw e;
    }
  }
}
