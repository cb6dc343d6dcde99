package dev.multicast.bridge;

import dev.multicast.camel.MulticastOutbound;
import dev.multicast.camel.UnsendableMessageException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;

/**
 * Answers a {@code POST /say} that failed after {@link SayRequest} let it through (the {@code
 * say-answers} route configuration): 400 or 413 for a message the sink will never send as it is,
 * such as a bad {@code MulticastTargetGroup} header, and 503 for a send that failed, with one log
 * line. Never a bare 500 with a stack trace.
 */
public class SayFailure implements Processor {
  private static final Logger LOG = LoggerFactory.getLogger(SayFailure.class);

  @Override
  public void process(Exchange exchange) {
    // Handled in the sink's route: the answer is final, the route's 202 step must not follow.
    exchange.setRouteStop(true);
    Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    if (failure instanceof UnsendableMessageException unsendable) {
      SayResponse.answer(
          exchange.getMessage(), unsendable.tooLarge() ? 413 : 400, unsendable.getMessage());
      return;
    }
    Object group = exchange.getProperty(MulticastOutbound.SENT_TO);
    String reason =
        (group != null ? "not sent to " + group : "not sent") + ": " + innermost(failure);
    LOG.warn("POST /say: {}", reason);
    SayResponse.answer(exchange.getMessage(), 503, reason);
  }

  /** The innermost cause's message, which says what the operating system or library said. */
  static String innermost(Throwable failure) {
    if (failure == null) {
      return "unknown failure";
    }
    Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }
}
