package dev.multicast.bridge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.FailedToCreateRouteException;
import org.apache.camel.PropertyBindingException;
import org.apache.camel.TypeConversionException;

/** Turns what Camel throws for a bad configuration into one line a person can act on. */
final class ConfigErrors {
  /** Camel's words for a {@code {{key}}} that no property source has, up to the text it was in. */
  private static final Pattern MISSING_PROPERTY =
      Pattern.compile(
          "Property with key \\[([^\\]]+)\\] not found in properties( from text: \\S+)?");

  private static final Pattern PRE_PARSING = Pattern.compile("^Error pre-parsing resource: (\\S+)");
  private static final Pattern CREATING_BEAN = Pattern.compile("^Error creating bean: (\\S+)");

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
    Matcher missing = MISSING_PROPERTY.matcher(message);
    if (missing.find()) {
      where += preParsing(chain);
      message =
          missing.replaceFirst(
              Matcher.quoteReplacement(
                  "property "
                      + missing.group(1)
                      + " is not set (expected -p "
                      + missing.group(1)
                      + "=VALUE)"));
    }
    if (where.isEmpty() && !message.contains("file:")) {
      // A parser that names neither file nor line (a file of binary bytes): Camel's wrapper does.
      where = preParsing(chain);
    }
    return where + message.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  /**
   * A bean of a route file that reads a property nobody set fails while Camel pre-parses the file,
   * before any route exists: only the messages of the exceptions around it name the file and bean.
   */
  private static String preParsing(List<Throwable> chain) {
    String file = "";
    String bean = "";
    for (Throwable t : chain) {
      String text = String.valueOf(t.getMessage());
      Matcher resource = PRE_PARSING.matcher(text);
      Matcher creating = CREATING_BEAN.matcher(text);
      if (resource.find()) {
        file = "route file " + resource.group(1).replaceFirst("^file:", "") + ": ";
      } else if (creating.find()) {
        bean = "bean " + creating.group(1) + ": ";
      }
    }
    return file + bean;
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
