package dev.multicast.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.multicast.bridge.access.Access;
import dev.multicast.bridge.access.Users;
import dev.multicast.core.Group;
import dev.multicast.core.Receiver;
import dev.multicast.testing.Loopback;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bridge with users asks HTTP clients for them (Basic): POST /say needs a user with send; the
 * management port keeps health and metrics open and asks admin for the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpAccessTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir static Path data;
  private Group group;
  private RunningBridge bridge;

  @BeforeAll
  void startBridge() throws Exception {
    group = Loopback.group();
    Users users = Users.read(TestUsers.write(data.resolve("users.txt")));
    bridge = RunningBridge.start(data.resolve("bridge"), group, null, Access.of(users));
  }

  @AfterAll
  void stopBridge() throws Exception {
    bridge.close();
  }

  @Test
  void postSayWithoutAPasswordIsAnswered401WithAChallenge() throws Exception {
    HttpResponse<String> response = say(null, null);

    assertEquals(401, response.statusCode(), response.body());
    assertEquals(
        "Basic realm=\"multicast\", charset=\"UTF-8\"",
        response.headers().firstValue("WWW-Authenticate").orElse(""));
  }

  @Test
  void postSayWithAWrongPasswordIsAnswered401() throws Exception {
    HttpResponse<String> response = say(TestUsers.SENDER, "not-the-password");

    assertEquals(401, response.statusCode(), response.body());
    assertTrue(response.headers().firstValue("WWW-Authenticate").isPresent());
  }

  @Test
  void postSayByAUserWithoutSendIsAnswered403() throws Exception {
    HttpResponse<String> response = say(TestUsers.RECEIVER, TestUsers.password(TestUsers.RECEIVER));

    assertEquals(403, response.statusCode(), response.body());
    assertEquals("user receiver lacks the role send\n", response.body());
  }

  @Test
  void postSayByASenderReachesTheGroup() throws Exception {
    try (Receiver receiver = Receiver.open(List.of(group), Loopback.options())) {
      HttpResponse<String> response = say(TestUsers.SENDER, TestUsers.password(TestUsers.SENDER));

      assertEquals(202, response.statusCode(), response.body());
      assertEquals("authenticated", receiver.receive(WAIT).orElseThrow().text());
    }
  }

  @Test
  void healthAndMetricsNeedNoPassword() throws Exception {
    assertEquals(200, get(bridge.management("/observe/health"), null, null).statusCode());
    assertEquals(200, get(bridge.management("/observe/metrics"), null, null).statusCode());
  }

  @Test
  void everythingElseOnTheManagementPortNeedsAdmin() throws Exception {
    URI other = bridge.management("/observe/info");
    assertEquals(401, get(other, null, null).statusCode());
    assertEquals(
        403, get(other, TestUsers.SENDER, TestUsers.password(TestUsers.SENDER)).statusCode());
    int asAdmin = get(other, TestUsers.ADMIN, TestUsers.password(TestUsers.ADMIN)).statusCode();
    assertTrue(asAdmin != 401 && asAdmin != 403, "admin was answered " + asAdmin);
  }

  @Test
  void theMonitorPageAndItsEventsNeedAdmin() throws Exception {
    for (String path : List.of("/", "/monitor/state", "/monitor/events")) {
      URI monitor = bridge.management(path);
      assertEquals(401, get(monitor, null, null).statusCode(), path);
      assertEquals(
          403,
          get(monitor, TestUsers.SENDER, TestUsers.password(TestUsers.SENDER)).statusCode(),
          path);
    }
    HttpResponse<String> asAdmin =
        get(
            bridge.management("/monitor/state"),
            TestUsers.ADMIN,
            TestUsers.password(TestUsers.ADMIN));
    assertEquals(200, asAdmin.statusCode(), asAdmin.body());
  }

  private HttpResponse<String> say(String user, String password) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(bridge.http("/say"))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("authenticated"));
    authorize(request, user, password);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(URI uri, String user, String password) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
    authorize(request, user, password);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void authorize(HttpRequest.Builder request, String user, String password) {
    if (user != null) {
      String login = user + ":" + password;
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
