package dev.multicast.bridge;

import dev.multicast.camel.MulticastHeaders;
import dev.multicast.core.Group;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Checks a {@code POST /say} request before anything is sent: the optional {@code group} and {@code
 * port} query parameters become the message's target, and a bad one or an empty body is answered at
 * once with 400 and a one-line reason. The request's own headers do not go on: only those the sink
 * reads (its target, and the loop marks of a message a source took) stay, so an answer never
 * carries them back. Sizes, content types and methods are checked before, by {@link HttpGuard}.
 */
public class SayRequest implements Processor {
  /** Dotted decimal without leading zeros, which some parsers read as octal. */
  private static final Pattern IPV4 =
      Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

  /** Decimal digits without a sign, spaces or leading zeros; the range is checked after. */
  private static final Pattern PORT = Pattern.compile("0|[1-9][0-9]{0,4}");

  /** How much of a bad value an answer shows. */
  private static final int SHOWN = 40;

  @Override
  public void process(Exchange exchange) {
    Message in = exchange.getMessage();
    byte[] body = in.getBody(byte[].class);
    String group = in.getHeader("group", String.class);
    String port = in.getHeader("port", String.class);
    in.removeHeaders(
        "*",
        "Camel*",
        MulticastHeaders.TARGET_GROUP,
        MulticastHeaders.TARGET_PORT,
        MulticastHeaders.SITE,
        MulticastHeaders.GROUP,
        MulticastHeaders.PORT);
    try {
      if (group != null) {
        in.setHeader(MulticastHeaders.TARGET_GROUP, strictGroup(group));
      }
      if (port != null) {
        in.setHeader(MulticastHeaders.TARGET_PORT, strictPort(port));
      }
    } catch (IllegalArgumentException e) {
      reject(exchange, 400, e.getMessage());
      return;
    }
    if (body == null || body.length == 0) {
      reject(exchange, 400, "the request body is empty: nothing to send");
    } else {
      in.setBody(body);
    }
  }

  /** A group as written in a URL: an address literal exactly, nothing around it. */
  private static String strictGroup(String text) {
    boolean ipv6 = text.contains(":");
    if (!(ipv6 ? IPV6 : IPV4).matcher(text).matches()) {
      throw new IllegalArgumentException(
          "'"
              + shown(text)
              + "' is not a multicast address (expected 224.0.0.0 to 239.255.255.255 in dotted"
              + " decimal without leading zeros, or ff00::/8)");
    }
    return Group.multicastAddress(text).getHostAddress();
  }

  private static int strictPort(String text) {
    if (!PORT.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "'" + shown(text) + "' is not a port (expected 1 to 65535, in digits only)");
    }
    return Group.parsePort(text);
  }

  /** A client's value, fit for a one-line answer: control characters escaped, cut short. */
  private static String shown(String text) {
    StringBuilder shown = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (shown.length() >= SHOWN) {
        return shown + "...";
      }
      shown.append(c < ' ' || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return shown.toString();
  }

  private static void reject(Exchange exchange, int status, String reason) {
    SayResponse.answer(exchange.getMessage(), status, reason);
    exchange.setRouteStop(true);
  }
}
