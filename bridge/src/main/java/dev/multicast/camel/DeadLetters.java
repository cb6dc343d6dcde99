package dev.multicast.camel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Keeps what the bridge could not deliver: each message's payload as {@code <id>.bin} in the
 * dead-letter directory, beside {@code <id>.txt} with the reason and the headers, counted in the
 * bridge's metrics. A file system, not the broker, because the broker may be what is missing.
 */
public class DeadLetters implements Processor {
  /** The registry name the bridge binds its instance under. */
  public static final String BEAN = "deadLetters";

  private final Path directory;

  public DeadLetters(Path directory) {
    this.directory = directory;
  }

  @Override
  public void process(Exchange exchange) throws IOException {
    Files.createDirectories(directory);
    Message message = exchange.getMessage();
    Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    String name = Instant.now().toEpochMilli() + "-" + exchange.getExchangeId();
    byte[] payload = message.getBody(byte[].class);
    Files.write(directory.resolve(name + ".bin"), payload == null ? new byte[0] : payload);
    StringBuilder why = new StringBuilder();
    why.append("reason: ").append(cause == null ? "unknown" : cause.getMessage()).append('\n');
    why.append("route: ").append(exchange.getFromRouteId()).append('\n');
    message
        .getHeaders()
        .forEach((key, value) -> why.append(key).append(": ").append(value).append('\n'));
    Files.writeString(directory.resolve(name + ".txt"), why, StandardCharsets.UTF_8);
    BridgeMetrics.deadLettered(exchange.getContext(), exchange.getFromRouteId());
  }
}
