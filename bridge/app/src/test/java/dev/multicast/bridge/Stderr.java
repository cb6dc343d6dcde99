package dev.multicast.bridge;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.function.Executable;

/** Standard error, where the loggers (slf4j-simple) write, captured for a test to read. */
final class Stderr {
  private Stderr() {}

  /** What was written on standard error while {@code action} ran. */
  static String during(Executable action) throws Throwable {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.execute();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
