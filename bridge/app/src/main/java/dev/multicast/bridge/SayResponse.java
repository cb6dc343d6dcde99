package dev.multicast.bridge;

import dev.multicast.camel.MulticastOutbound;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Answers a {@code POST /say} once it is done, whichever way it ended: 202 and what went where; 409
 * when the sink dropped it as a loop (which stops the exchange where it is); an answer that {@link
 * SayRequest} or {@link SayFailure} gave already stays.
 */
public class SayResponse implements Processor {
  @Override
  public void process(Exchange exchange) {
    if (exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE) != null) {
      return;
    }
    Object group = exchange.getProperty(MulticastOutbound.SENT_TO);
    if (group == null) {
      // The sink dropped it: a message from this very group on this site would loop.
      answer(exchange.getMessage(), 409, "not sent: it would loop back to the group it came from");
      return;
    }
    int bytes = exchange.getProperty(MulticastOutbound.SENT_BYTES, Integer.class);
    answer(exchange.getMessage(), 202, "sent " + bytes + " bytes to " + group);
  }

  /** Replaces the message with a plain-text answer, dropping the request's headers. */
  static void answer(Message message, int status, String text) {
    message.removeHeaders("*");
    message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
    message.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
    message.setBody(text + "\n");
  }
}
