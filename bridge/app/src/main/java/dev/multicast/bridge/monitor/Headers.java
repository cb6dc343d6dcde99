package dev.multicast.bridge.monitor;

import io.vertx.core.http.HttpServerResponse;

/** The headers of every monitor response: nothing but the jar's own files may run in the page. */
final class Headers {
  /** Scripts, styles and the event stream from this server only; no frames, forms or plugins. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private Headers() {}

  static HttpServerResponse secure(HttpServerResponse response) {
    return response
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY");
  }
}
