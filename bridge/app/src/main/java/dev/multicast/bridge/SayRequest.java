package dev.multicast.bridge;

import dev.multicast.camel.MulticastHeaders;
import dev.multicast.core.Datagram;
import dev.multicast.core.Group;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Checks a {@code POST /say} request before anything is sent: the optional {@code group} and {@code
 * port} query parameters become the message's target, and a bad one, an empty body or one larger
 * than a datagram is answered at once with 400 or 413 and a one-line reason.
 */
public class SayRequest implements Processor {
  @Override
  public void process(Exchange exchange) {
    Message in = exchange.getMessage();
    byte[] body = in.getBody(byte[].class);
    String group = in.getHeader("group", String.class);
    String port = in.getHeader("port", String.class);
    try {
      if (group != null) {
        in.setHeader(
            MulticastHeaders.TARGET_GROUP, Group.multicastAddress(group.trim()).getHostAddress());
      }
      if (port != null) {
        in.setHeader(MulticastHeaders.TARGET_PORT, Group.parsePort(port));
      }
    } catch (IllegalArgumentException e) {
      reject(exchange, 400, e.getMessage());
      return;
    }
    String type = in.getHeader(Exchange.CONTENT_TYPE, "", String.class);
    if (type.startsWith("application/x-www-form-urlencoded")) {
      // The HTTP server parses forms into parameters: the message itself would be lost.
      reject(
          exchange,
          415,
          "send the message as the raw request body with a Content-Type such as text/plain or"
              + " application/octet-stream, not as a form (curl: -H 'Content-Type: text/plain')");
    } else if (body == null || body.length == 0) {
      reject(exchange, 400, "the request body is empty: nothing to send");
    } else if (body.length > Datagram.MAX_PAYLOAD) {
      reject(
          exchange,
          413,
          "the request body has "
              + body.length
              + " bytes, more than one datagram can carry (at most "
              + Datagram.MAX_PAYLOAD
              + " bytes)");
    } else {
      in.setBody(body);
    }
  }

  private static void reject(Exchange exchange, int status, String reason) {
    SayResponse.answer(exchange.getMessage(), status, reason);
    exchange.setRouteStop(true);
  }
}
