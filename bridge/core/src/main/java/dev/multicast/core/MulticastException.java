package dev.multicast.core;

/**
 * A multicast operation that could not be set up or carried out. The message names the group, port
 * and interface involved; the {@link Reason} tells a caller (the CLI's exit codes, a Camel route)
 * what kind of failure it was.
 */
public final class MulticastException extends RuntimeException {
  /** The kinds of failure a caller may want to tell apart. */
  public enum Reason {
    /** An interface that does not exist, is down, or cannot do multicast; no route to the group. */
    UNAVAILABLE,
    /** A payload larger than one datagram can carry. */
    TOO_LARGE,
    /** The operating system refused the operation for lack of privilege. */
    PERMISSION,
    /** Any other I/O failure. */
    IO
  }

  /** What kind of failure this was. */
  private final Reason reason;

  /**
   * A failure with its cause.
   *
   * @param reason what kind of failure
   * @param message one line naming the group, port or interface and what went wrong
   * @param cause the underlying exception, or null
   */
  public MulticastException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /**
   * A failure without an underlying exception.
   *
   * @param reason what kind of failure
   * @param message one line naming the group, port or interface and what went wrong
   */
  public MulticastException(Reason reason, String message) {
    this(reason, message, null);
  }

  /** {@return what kind of failure this was} */
  public Reason reason() {
    return reason;
  }
}
