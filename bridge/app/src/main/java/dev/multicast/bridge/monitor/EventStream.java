package dev.multicast.bridge.monitor;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code GET /monitor/events}: server-sent events, one {@link MonitorState} a second to each open
 * page. Open streams are bounded ({@link #MAX_CLIENTS}): past that a request gets a 503 and one
 * line. A page that does not read its stream is disconnected rather than buffered for.
 */
final class EventStream {
  /** Open streams at most: a few operators' pages, not a broadcast service. */
  static final int MAX_CLIENTS = 8;

  /** What a request past {@link #MAX_CLIENTS} gets. */
  static final String TOO_MANY =
      "too many monitor pages open (at most " + MAX_CLIENTS + "); close one and reload\n";

  /** How long a page waits before reconnecting after the stream broke, in milliseconds. */
  private static final int RETRY_MILLIS = 2000;

  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private final Supplier<String> first;

  /**
   * @param first the first event of each stream: the state with its history, or null when there is
   *     no sample yet
   */
  EventStream(Supplier<String> first) {
    this.first = first;
  }

  void open(RoutingContext request) {
    HttpServerResponse response = Headers.secure(request.response());
    if (open.incrementAndGet() > MAX_CLIENTS) {
      open.decrementAndGet();
      response
          .setStatusCode(503)
          .putHeader("Content-Type", "text/plain; charset=utf-8")
          .putHeader("Retry-After", "10")
          .end(TOO_MANY);
      return;
    }
    Client client = new Client(response, Vertx.currentContext());
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store");
    response.write("retry: " + RETRY_MILLIS + "\n\n");
    String event = first.get();
    if (event != null) {
      response.write("data: " + event + "\n\n");
    }
    // Told of samples only after the first event: none arrives twice (one may be missed).
    clients.add(client);
    response.closeHandler(closed -> close(client));
    response.exceptionHandler(failed -> close(client));
    if (response.closed()) {
      close(client); // gone before its handlers were set: they will not be called
    }
  }

  /** One event to every open stream. */
  void broadcast(String json) {
    for (Client client : clients) {
      client.context.runOnContext(ignored -> client.send(json));
    }
  }

  /** Ends every stream: the bridge is stopping. */
  void closeAll() {
    for (Client client : clients) {
      client.context.runOnContext(ignored -> client.response.end());
      close(client);
    }
  }

  private void close(Client client) {
    if (clients.remove(client)) {
      open.decrementAndGet();
    }
  }

  /** One open stream, written only on its connection's own event loop. */
  private final class Client {
    private final HttpServerResponse response;
    private final Context context;

    Client(HttpServerResponse response, Context context) {
      this.response = response;
      this.context = context;
    }

    void send(String json) {
      if (response.ended() || response.closed()) {
        close(this);
        return;
      }
      if (response.writeQueueFull()) {
        // The page stopped reading: a stream is not a buffer without end.
        close(this);
        response.reset();
        return;
      }
      response.write("data: " + json + "\n\n");
    }
  }
}
