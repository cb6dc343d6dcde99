package dev.multicast.cli;

/**
 * An input a command was given is not one it can read, such as a directory given as {@code --file}:
 * exit code 66, and the message, which names the input and what was expected, as the one line on
 * stderr.
 */
final class NoInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NoInputException(String message) {
    super(message);
  }
}
