package dev.multicast.bridge;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.FailedToCreateRouteException;

/** Turns what Camel throws for a bad configuration into one line a person can act on. */
final class ConfigErrors {
  private ConfigErrors() {}

  /**
   * The innermost cause names the bad value (a YAML parser's file and line, our own validation's
   * value); the route Camel was creating, when there was one, says where it is used.
   */
  static String describe(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    Throwable root = chain.get(chain.size() - 1);
    String where = "";
    for (Throwable t : chain) {
      if (t instanceof FailedToCreateRouteException created) {
        where = "route " + created.getRouteId() + ": ";
      }
    }
    String message = root.getMessage() == null ? root.toString() : root.getMessage();
    return where + message.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
