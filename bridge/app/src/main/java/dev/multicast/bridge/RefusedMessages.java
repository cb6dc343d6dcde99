package dev.multicast.bridge;

import dev.multicast.camel.MulticastHeaders;
import dev.multicast.camel.UnsendableMessageException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks a message a sink refused ({@link UnsendableMessageException}) with the reason, as the
 * property {@link MulticastHeaders#DEAD_LETTER_REASON}, and logs one line naming it, before the
 * {@code refuse-unsendable} route configuration moves it to {@code multicast.dead}.
 */
public class RefusedMessages implements Processor {
  private static final Logger LOG = LoggerFactory.getLogger(RefusedMessages.class);

  @Override
  public void process(Exchange exchange) {
    Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    String reason = SayFailure.innermost(failure);
    exchange.getMessage().setHeader(MulticastHeaders.DEAD_LETTER_REASON, reason);
    LOG.warn(
        "{}: refused a message, moved to multicast.dead: {}", exchange.getFromRouteId(), reason);
  }
}
