package dev.multicast.cli;

import dev.multicast.bridge.BridgeConfigException;
import dev.multicast.bridge.CannotListenException;
import dev.multicast.core.MulticastException;
import dev.multicast.security.KeyFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * What a command that failed tells its user: the exit code and the one line on standard error.
 * Every exception maps here, in one place, so that a message and its code cannot disagree.
 *
 * @param exit the exit code, from the table of docs/command-line.md
 * @param message the line, without the command's name; null when no line is due, as when the reader
 *     of the output went away
 */
record Failure(ExitCode exit, String message) {
  /** The failure an exception stands for; one the commands do not expect is an internal error. */
  static Failure of(Throwable e) {
    if (e instanceof StandardOutputException output) {
      // As cat and grep: quiet when the reader left (| head), one line when the output failed.
      return output.readerGone()
          ? new Failure(ExitCode.PIPE_CLOSED, null)
          : new Failure(ExitCode.OUTPUT, e.getMessage());
    }
    if (e instanceof MulticastException multicast) {
      return new Failure(
          switch (multicast.reason()) {
            case UNAVAILABLE -> ExitCode.UNAVAILABLE;
            case TOO_LARGE -> ExitCode.DATA;
            case PERMISSION -> ExitCode.PERMISSION;
            case IO -> ExitCode.SOFTWARE;
          },
          e.getMessage());
    }
    if (e instanceof KeyFileException key) {
      return new Failure(
          switch (key.reason()) {
            case MISSING, MALFORMED -> ExitCode.NO_INPUT;
            case UNREADABLE, EXPOSED -> ExitCode.PERMISSION;
            case EXISTS, UNWRITABLE -> ExitCode.CANNOT_CREATE;
          },
          e.getMessage());
    }
    if (e instanceof CannotListenException listen) {
      return new Failure(
          listen.denied() ? ExitCode.PERMISSION : ExitCode.UNAVAILABLE, e.getMessage());
    }
    if (e instanceof BridgeConfigException) {
      return new Failure(ExitCode.CONFIG, e.getMessage());
    }
    if (e instanceof UnavailableException) {
      return new Failure(ExitCode.UNAVAILABLE, e.getMessage());
    }
    if (e instanceof LoginRefusedException) {
      return new Failure(ExitCode.PERMISSION, e.getMessage());
    }
    if (e instanceof NoInputException) {
      return new Failure(ExitCode.NO_INPUT, e.getMessage());
    }
    if (e instanceof NoSuchFileException) {
      return new Failure(ExitCode.NO_INPUT, "no such file: " + e.getMessage());
    }
    if (e instanceof AccessDeniedException) {
      return new Failure(ExitCode.PERMISSION, "permission denied: " + e.getMessage());
    }
    return new Failure(
        ExitCode.SOFTWARE, "internal error: " + e + " (run with --verbose for details)");
  }
}
