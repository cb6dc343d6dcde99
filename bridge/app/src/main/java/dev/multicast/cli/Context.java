package dev.multicast.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command talks to besides the network: its standard streams, the environment, and whether a
 * person is watching. Tests pass their own.
 *
 * @param in standard input, for {@code SAY --pipe}
 * @param out standard output, as bytes: payloads are written exactly as received
 * @param err standard error, for errors, warnings and statistics
 * @param env the environment variables
 * @param liveStatus whether a live status line can be drawn on standard error: it is a terminal and
 *     the data goes elsewhere (a line redrawn between data lines would garble both)
 */
public record Context(
    InputStream in,
    OutputStream out,
    PrintWriter err,
    Map<String, String> env,
    boolean liveStatus) {

  /** The process's own streams and environment. */
  public static Context system() {
    // Straight to the file descriptors: System.out would swallow a closed pipe, and a
    // PrintWriter without a charset would write text in the locale's instead of UTF-8.
    return new Context(
        System.in,
        new FileOutputStream(FileDescriptor.out),
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
        System.getenv(),
        isTerminal(2) && !isTerminal(1));
  }

  /** Whether a file descriptor is a terminal; Linux only, false where that cannot be told. */
  private static boolean isTerminal(int fd) {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
