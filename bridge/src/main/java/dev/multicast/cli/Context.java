package dev.multicast.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command talks to besides the network: its standard streams, the environment, and whether a
 * person is watching. Tests pass their own.
 *
 * @param in standard input, for {@code SAY --pipe}
 * @param out standard output, as bytes: payloads are written exactly as received
 * @param err standard error, for errors, warnings and statistics
 * @param env the environment variables
 * @param interactive whether output goes to a terminal (live statistics line)
 */
public record Context(
    InputStream in,
    OutputStream out,
    PrintWriter err,
    Map<String, String> env,
    boolean interactive) {

  /** The process's own streams and environment. */
  public static Context system() {
    return new Context(
        System.in,
        System.out,
        new PrintWriter(System.err, true),
        System.getenv(),
        System.console() != null);
  }
}
