package dev.multicast.cli;

/**
 * The broker refused the login a command gave it, or let it in without the right to do what it
 * asked: exit code 77, and the message, naming the broker and the user, as the one line on stderr.
 */
final class LoginRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  LoginRefusedException(String message, Throwable cause) {
    super(message, cause);
  }
}
