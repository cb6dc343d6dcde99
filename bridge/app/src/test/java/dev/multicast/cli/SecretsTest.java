package dev.multicast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.bridge.EmbeddedBroker;
import dev.multicast.bridge.TestUsers;
import dev.multicast.core.Group;
import dev.multicast.testing.Loopback;
import dev.multicast.testing.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge given passwords (its broker login, and the users file of its own ports) shows none of
 * them: not in its process's arguments, not in what it prints or logs, not on /observe/*, also when
 * a client tries a wrong password.
 */
class SecretsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path temp;

  @Test
  void noPasswordInArgumentsOutputOrObserve() throws Exception {
    String brokerPassword = TestUsers.password(TestUsers.BRIDGE);
    Path passwordFile = temp.resolve("broker.password");
    Files.writeString(passwordFile, brokerPassword + "\n");
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
    Group group = Loopback.group();
    int management = Ports.free();
    int http = Ports.free();
    Path out = temp.resolve("out");
    Path err = temp.resolve("err");
    try (EmbeddedBroker broker = TestUsers.broker(temp)) {
      Process bridge =
          Cli.spawn(
              out,
              err,
              "--verbose",
              "bridge",
              "--iface",
              "lo",
              "--group",
              group.host(),
              "--port",
              Integer.toString(group.port()),
              "--broker-url",
              broker.url(),
              "--broker-user",
              TestUsers.BRIDGE,
              "--password-file",
              passwordFile.toString(),
              "--users",
              temp.resolve("users.txt").toString(),
              "--http-port",
              Integer.toString(http),
              "--management-port",
              Integer.toString(management),
              "--data",
              temp.resolve("data").toString());
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(out).contains("multicast bridge:")) {
          assertTrue(bridge.isAlive() && System.nanoTime() < deadline, Files.readString(err));
          Thread.sleep(50);
        }
        String wrong = "wrong-" + java.util.UUID.randomUUID();
        HttpResponse<String> refused = say(http, TestUsers.SENDER, wrong);
        assertEquals(401, refused.statusCode());
        String sender = TestUsers.password(TestUsers.SENDER);
        assertEquals(202, say(http, TestUsers.SENDER, sender).statusCode());

        List<String> shown = new ArrayList<>();
        shown.add(
            new String(
                    Files.readAllBytes(Path.of("/proc/" + bridge.pid() + "/cmdline")),
                    StandardCharsets.UTF_8)
                .replace('\0', ' '));
        for (String path :
            List.of(
                "/observe/health",
                "/observe/health/ready?data=true",
                "/observe/health/live?data=true",
                "/observe/metrics")) {
          shown.add(get(URI.create("http://127.0.0.1:" + management + path)));
        }
        for (String text : shown) {
          for (String secret : List.of(brokerPassword, wrong, sender)) {
            assertFalse(text.contains(secret), "a password shows in: " + text);
          }
        }
        assertTrue(shown.get(0).contains("--password-file"), shown.get(0));
      } finally {
        bridge.destroy();
        bridge.waitFor(30, TimeUnit.SECONDS);
      }
      String printed = Files.readString(out) + Files.readString(err);
      assertTrue(printed.contains("multicast bridge:"), printed);
      for (String secret : List.of(brokerPassword, TestUsers.password(TestUsers.SENDER))) {
        assertFalse(printed.contains(secret), "a password shows in the output: " + printed);
      }
    }
  }

  private static HttpResponse<String> say(int port, String user, String password) throws Exception {
    String login = user + ":" + password;
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/say"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("x"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String get(URI uri) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
