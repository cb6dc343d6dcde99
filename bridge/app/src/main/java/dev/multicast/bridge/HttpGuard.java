package dev.multicast.bridge;

import dev.multicast.core.Datagram;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * What every request to the bridge's HTTP servers passes before a route sees it, so that a client
 * holds no more than one datagram's worth of memory for a bounded time, and every refusal is a
 * status with a one-line reason that echoes nothing of the request: a body declared larger than a
 * datagram is refused with 413 before it is read (a longer chunked one is cut off by the body
 * handler's limit, {@link #MAX_BODY}); a request still unanswered after {@link #REQUEST_TIME}, such
 * as a body sent slowly, gets 408 and its connection closed; a query that is not URL encoding gets
 * 400; a method a route does not take gets 405 with an {@code Allow} header naming those it does. A
 * form body ({@code curl -d}) is taken as its raw bytes, as ntfy and similar tools take it; a
 * multipart one ({@code curl -F}) is refused with 415 saying what to send.
 */
final class HttpGuard {
  /** The largest request body: one datagram's payload. */
  static final long MAX_BODY = Datagram.MAX_PAYLOAD;

  /** How long a request may take from its first line to its answer. */
  static final Duration REQUEST_TIME = Duration.ofSeconds(10);

  /**
   * How long a connection may stay open with nothing sent or received; longer than {@link
   * #REQUEST_TIME}, so that a slow request gets its 408 before its connection closes.
   */
  static final Duration IDLE_TIME = Duration.ofSeconds(15);

  private static final String TOO_LARGE =
      "the request body is larger than one datagram can carry (at most " + MAX_BODY + " bytes)";

  private final Vertx vertx;
  private final Supplier<CamelContext> camel;

  /**
   * @param camel the routes' context, whose platform-http endpoints say which methods they take
   */
  HttpGuard(Vertx vertx, Supplier<CamelContext> camel) {
    this.vertx = vertx;
    this.camel = camel;
  }

  /** The server's request handler, behind this guard. */
  Handler<HttpServerRequest> before(Handler<HttpServerRequest> next) {
    return request -> {
      if (admit(request)) {
        next.handle(request);
      }
    };
  }

  private boolean admit(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    vertx.setTimer(
        REQUEST_TIME.toMillis(),
        timer -> {
          if (!response.ended() && !response.headWritten()) {
            refuse(
                request,
                408,
                "the request was not complete within "
                    + REQUEST_TIME.toSeconds()
                    + " s (expected the whole request at once)");
          } else if (!response.ended()) {
            request.connection().close();
          }
        });
    try {
      request.params();
    } catch (IllegalArgumentException e) {
      return refuse(
          request,
          400,
          "the query is not valid URL encoding (expected name=value pairs, with %XX for other"
              + " bytes)");
    }
    Optional<String> allowed = allowedMethods(request.path());
    if (allowed.isPresent()
        && !allowed.get().contains(request.method().name())
        && !response.ended()) {
      response.putHeader(HttpHeaders.ALLOW, allowed.get());
      return refuse(
          request,
          405,
          request.method().name() + " is not served here (expected " + allowed.get() + ")");
    }
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && declaredLength(length) > MAX_BODY) {
      return refuse(request, 413, TOO_LARGE);
    }
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (lower.startsWith("multipart/")) {
      return refuse(
          request,
          415,
          "a multipart body is not a message (expected the message as the raw request body:"
              + " curl --data-binary @FILE or -d 'TEXT', not -F)");
    }
    if (lower.startsWith("application/x-www-form-urlencoded")) {
      // curl -d's default type: the body is the message, never parsed into form fields.
      request.headers().set(HttpHeaders.CONTENT_TYPE, "application/octet-stream");
    }
    return true;
  }

  /**
   * Answers the body handler's refusal of a chunked body past {@link #MAX_BODY} as the declared
   * ones are, and lets a request whose connection closed go, where Vert.x would log an error for
   * each.
   */
  static void answerBodyLimit(CamelContext context, int port) {
    VertxPlatformHttpRouter router =
        VertxPlatformHttpRouter.lookup(
            context, VertxPlatformHttpRouter.getRouterNameFromPort(port));
    if (router != null) {
      // A failure handler, not an error handler: those only count on the root router.
      router
          .route()
          .failureHandler(
              failed -> {
                if (failed.statusCode() == 413) {
                  refuse(failed.request(), 413, TOO_LARGE);
                } else if (failed.failure() instanceof HttpClosedException) {
                  // The client went, or the guard closed its connection: no one to answer.
                  return;
                } else {
                  failed.next();
                }
              });
    }
  }

  /** The methods a route serves this path for, when its route restricts them. */
  private Optional<String> allowedMethods(String path) {
    CamelContext context = camel.get();
    if (context == null) {
      return Optional.empty();
    }
    for (Endpoint endpoint : context.getEndpoints()) {
      if (endpoint instanceof PlatformHttpEndpoint http
          && path.equals(http.getPath())
          && http.getHttpMethodRestrict() != null) {
        return Optional.of(http.getHttpMethodRestrict().toUpperCase(Locale.ROOT));
      }
    }
    return Optional.empty();
  }

  /** A Content-Length as declared; larger than any body for one that is not a number. */
  private static long declaredLength(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Answers with a status and a one-line reason, and closes the connection: the body is not read,
   * so the connection cannot carry another request.
   */
  private static boolean refuse(HttpServerRequest request, int status, String reason) {
    HttpServerResponse response = request.response();
    if (!response.ended()) {
      response
          .setStatusCode(status)
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
          .putHeader(HttpHeaders.CONNECTION, "close")
          .end(reason + "\n")
          .onComplete(done -> request.connection().close());
    }
    return false;
  }
}
