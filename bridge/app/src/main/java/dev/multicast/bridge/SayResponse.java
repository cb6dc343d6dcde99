package dev.multicast.bridge;

import dev.multicast.camel.MulticastOutbound;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/** Answers a {@code POST /say} that was sent: 202 and what went where. */
public class SayResponse implements Processor {
  @Override
  public void process(Exchange exchange) {
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
