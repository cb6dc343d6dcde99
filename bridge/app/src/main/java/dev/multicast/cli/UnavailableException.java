package dev.multicast.cli;

/**
 * Something a command needs, such as a broker, cannot be reached: exit code 69, and the message,
 * which names what and why, as the one line on stderr.
 */
final class UnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
