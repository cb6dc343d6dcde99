package dev.multicast.bridge;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.TypeConversionException;

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
    String conversion = conversion(chain);
    if (conversion != null) {
      message = conversion;
    }
    return where + message.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  /**
   * A bean property (a route's {@code beans:}) given a value of the wrong type: the innermost cause
   * is the JDK's parser ({@code For input string: "soon"}), which names neither the property nor
   * what was expected; the binding exception above it knows both.
   */
  private static String conversion(List<Throwable> chain) {
    PropertyBindingException binding = null;
    for (Throwable t : chain) {
      if (t instanceof PropertyBindingException found) {
        binding = found;
      } else if (t instanceof TypeConversionException converting
          && binding != null
          && binding.getPropertyName() != null) {
        return "cannot set "
            + binding.getPropertyName()
            + " to '"
            + converting.getValue()
            + "' (expected "
            + (converting.getToType() == null
                ? "another type"
                : converting.getToType().getSimpleName())
            + ")";
      }
    }
    return null;
  }
}
