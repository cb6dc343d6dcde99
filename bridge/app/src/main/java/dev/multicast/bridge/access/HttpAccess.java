package dev.multicast.bridge.access;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;

/**
 * HTTP Basic authentication before the bridge's HTTP routes and its management port, when it has
 * users: 401 with {@code WWW-Authenticate} for a missing or wrong password, 403 for a user without
 * the role. On the HTTP port every request needs {@code send} (the routes put datagrams on groups);
 * on the management port health and metrics stay open, as scrapers expect, and everything else
 * needs {@code admin}.
 *
 * <p>Installed through Camel's own authentication hook of its Vert.x server, which adds it to the
 * router ahead of any route before the server listens, so no request comes in before it.
 */
public final class HttpAccess implements Handler<RoutingContext> {
  /** What the browser or client is told to authenticate against. */
  static final String CHALLENGE = "Basic realm=\"multicast\", charset=\"UTF-8\"";

  private final Users users;
  private final Function<String, Optional<Role>> needed;

  private HttpAccess(Users users, Function<String, Optional<Role>> needed) {
    this.users = users;
    this.needed = needed;
  }

  /**
   * Puts authentication in front of the HTTP and the management server of {@code context}; call
   * after Camel Main has configured them and before the context starts.
   */
  public static void install(CamelContext context, Users users) {
    HttpServers.of(context)
        .forEach(
            (configuration, management) ->
                guard(
                    configuration,
                    new HttpAccess(
                        users,
                        management ? HttpAccess::managementRole : path -> Optional.of(Role.SEND))));
  }

  /** Health and metrics for anyone; the rest, which may change state or show messages, admin. */
  private static Optional<Role> managementRole(String path) {
    boolean open = path.startsWith("/observe/health") || path.startsWith("/observe/metrics");
    return open ? Optional.empty() : Optional.of(Role.ADMIN);
  }

  private static void guard(VertxPlatformHttpServerConfiguration configuration, HttpAccess access) {
    AuthenticationConfig authentication = configuration.getAuthenticationConfig();
    authentication.setEnabled(true);
    authentication
        .getEntries()
        .add(
            new AuthenticationConfig.AuthenticationConfigEntry() {
              {
                setPath("/*");
              }

              @Override
              public Handler<RoutingContext> createAuthenticationHandler(Vertx vertx) {
                return access;
              }
            });
  }

  @Override
  public void handle(RoutingContext ctx) {
    Optional<Role> role = needed.apply(ctx.normalizedPath());
    if (role.isEmpty()) {
      ctx.next();
      return;
    }
    String[] login = basicLogin(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
    if (login == null) {
      refuse(ctx, 401, "a user name and password are needed (HTTP Basic)");
      return;
    }
    // The password hash is slow on purpose: off the event loop, with the request held meanwhile.
    boolean held = !ctx.request().isEnded();
    if (held) {
      ctx.request().pause();
    }
    ctx.vertx()
        .executeBlocking(() -> users.authenticate(login[0], login[1]), false)
        .onComplete(
            result -> {
              if (held) {
                ctx.request().resume();
              }
              Optional<User> user = result.succeeded() ? result.result() : Optional.empty();
              if (user.isEmpty()) {
                refuse(ctx, 401, "wrong user name or password");
              } else if (!user.get().may(role.get())) {
                refuse(
                    ctx, 403, "user " + user.get().name() + " lacks the role " + role.get().id());
              } else {
                ctx.next();
              }
            });
  }

  /** User name and password of a Basic Authorization header, or null when it is none. */
  private static String[] basicLogin(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    return colon < 0
        ? null
        : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }

  private static void refuse(RoutingContext ctx, int status, String reason) {
    if (status == 401) {
      ctx.response().putHeader("WWW-Authenticate", CHALLENGE);
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end(reason + "\n");
  }
}
