package dev.multicast.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Standard output cannot take what a command writes: the reader went away ({@code | head}), or the
 * output is closed ({@code >&-}) or full ({@code >/dev/full}). It ends the command, which has
 * nowhere left to put its data; {@link Failure} tells the two kinds apart.
 */
final class StandardOutputException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  StandardOutputException(IOException cause) {
    super("cannot write to standard output: " + cause.getMessage(), cause);
  }

  /**
   * Whether the reader of a pipe went away (EPIPE). The JVM ignores SIGPIPE, so the write fails
   * instead of the process ending, and the system's message for EPIPE is all that tells it.
   */
  boolean readerGone() {
    return "Broken pipe".equals(getCause().getMessage());
  }
}
