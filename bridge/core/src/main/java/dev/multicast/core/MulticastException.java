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

  private final Reason reason;

  public MulticastException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public MulticastException(Reason reason, String message) {
    this(reason, message, null);
  }

  public Reason reason() {
    return reason;
  }
}
