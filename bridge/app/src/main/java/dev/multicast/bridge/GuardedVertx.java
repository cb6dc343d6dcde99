package dev.multicast.bridge;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.impl.VertxWrapper;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;

/**
 * The Vert.x instance behind the bridge's HTTP and management servers, bound in Camel's registry
 * where platform-http looks for one. Camel gives its servers no idle timeout and no hook before a
 * route sees a request; the servers made here close idle connections ({@link HttpGuard#IDLE_TIME})
 * and put every request through an {@link HttpGuard} first, from the very first one.
 */
final class GuardedVertx extends VertxWrapper {
  private final HttpGuard guard;

  /**
   * @param camel the routes' context, once it is there
   */
  GuardedVertx(Supplier<CamelContext> camel) {
    super((VertxInternal) Vertx.vertx());
    this.guard = new HttpGuard(this, camel);
  }

  @Override
  public HttpServer createHttpServer() {
    return createHttpServer(new HttpServerOptions());
  }

  @Override
  public HttpServer createHttpServer(HttpServerOptions options) {
    HttpServerOptions bounded =
        new HttpServerOptions(options)
            .setIdleTimeout((int) HttpGuard.IDLE_TIME.toSeconds())
            .setIdleTimeoutUnit(TimeUnit.SECONDS)
            // HTTP/1.1 only: an upgrade to HTTP/2 would multiply what one connection may hold.
            .setHttp2ClearTextEnabled(false);
    return new HttpServerImpl(delegate, bounded) {
      @Override
      public synchronized HttpServer requestHandler(Handler<HttpServerRequest> handler) {
        return super.requestHandler(guard.before(handler));
      }
    };
  }
}
