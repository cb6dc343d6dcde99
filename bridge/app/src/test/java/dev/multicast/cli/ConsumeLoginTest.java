package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.bridge.EmbeddedBroker;
import dev.multicast.bridge.TestUsers;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code consume} logs in with MULTICAST_BROKER_USER and MULTICAST_BROKER_PASSWORD, or with
 * --broker-user and --password-file; a refused login is one line and exit 77.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsumeLoginTest {
  @TempDir static Path temp;
  private EmbeddedBroker broker;

  @BeforeAll
  void startBroker() throws Exception {
    broker = TestUsers.broker(temp);
  }

  @AfterAll
  void stopBroker() throws Exception {
    broker.close();
  }

  private void put(String queue, String text) throws Exception {
    try (Connection connection =
        new ActiveMQConnectionFactory(broker.url())
            .createConnection(TestUsers.SENDER, TestUsers.password(TestUsers.SENDER))) {
      Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
      session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
    }
  }

  /** The environment that names the broker login. */
  private static Map<String, String> loginEnv(String user, String password) {
    return Map.of("MULTICAST_BROKER_USER", user, "MULTICAST_BROKER_PASSWORD", password);
  }

  private Cli.Result consume(Map<String, String> env, String queue, String... more) {
    String[] args = new String[6 + more.length];
    System.arraycopy(
        new String[] {"consume", "--queue", queue, "--broker-url", broker.url(), "--count=1"},
        0,
        args,
        0,
        6);
    System.arraycopy(more, 0, args, 6, more.length);
    return Cli.run(env, new byte[0], args);
  }

  @Test
  void logsInWithTheEnvironment() throws Exception {
    put("by.env", "hello");

    Cli.Result result =
        consume(loginEnv(TestUsers.RECEIVER, TestUsers.password(TestUsers.RECEIVER)), "by.env");

    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("\"body\":\"hello\""), result.out());
  }

  @Test
  void logsInWithAPasswordFile() throws Exception {
    put("by.file", "hello");
    Path file = passwordFile(TestUsers.password(TestUsers.RECEIVER));

    Cli.Result result =
        consume(
            Map.of(),
            "by.file",
            "--broker-user",
            TestUsers.RECEIVER,
            "--password-file",
            file.toString());

    assertEquals(0, result.exitCode(), result.err());
    assertTrue(result.out().contains("\"body\":\"hello\""), result.out());
  }

  @Test
  void aWrongPasswordExitsSeventySevenInOneLineWithoutThePassword() {
    Cli.Result result = consume(loginEnv(TestUsers.RECEIVER, "wrong-one"), "refused");

    assertEquals(ExitCode.PERMISSION.code(), result.exitCode(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(
        result
            .err()
            .startsWith(
                "multicast consume: broker "
                    + broker.url()
                    + " refused user "
                    + TestUsers.RECEIVER
                    + ": "),
        result.err());
    assertFalse(result.err().contains("wrong-one"), result.err());
  }

  @Test
  void anAnonymousClientExitsSeventySeven() {
    Cli.Result result = consume(Map.of(), "refused");

    assertEquals(ExitCode.PERMISSION.code(), result.exitCode(), result.err());
    assertTrue(
        result
            .err()
            .startsWith(
                "multicast consume: broker " + broker.url() + " refused an anonymous client: "),
        result.err());
  }

  @Test
  void aSendOnlyUserMayNotConsumeAndExitsSeventySeven() {
    Cli.Result result =
        consume(
            loginEnv(TestUsers.SENDER, TestUsers.password(TestUsers.SENDER)), "not.for.senders");

    assertEquals(ExitCode.PERMISSION.code(), result.exitCode(), result.err());
    assertTrue(result.err().contains("refused user " + TestUsers.SENDER), result.err());
  }

  @Test
  void aPasswordFileOthersMayReadExitsSeventySeven() throws Exception {
    Path file = passwordFile("whatever-it-is");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Cli.Result result =
        consume(
            Map.of(), "x", "--broker-user", TestUsers.RECEIVER, "--password-file", file.toString());

    assertEquals(ExitCode.PERMISSION.code(), result.exitCode(), result.err());
    assertTrue(result.err().contains("password file " + file + " has mode 0644"), result.err());
  }

  @Test
  void aUserWithoutAPasswordIsAUsageError() {
    Cli.Result result = consume(Map.of(), "x", "--broker-user", TestUsers.RECEIVER);

    assertEquals(ExitCode.USAGE.code(), result.exitCode(), result.err());
    assertTrue(
        result
            .err()
            .contains(
                "broker user receiver has no password (expected --password-file FILE or"
                    + " MULTICAST_BROKER_PASSWORD)"),
        result.err());
  }

  private static Path passwordFile(String password) throws Exception {
    Path file = Files.createTempFile(temp, "password", ".txt");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Files.writeString(file, password + "\n");
    return file;
  }
}
