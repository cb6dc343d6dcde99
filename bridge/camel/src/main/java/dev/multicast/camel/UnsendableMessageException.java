package dev.multicast.camel;

/**
 * Thrown by a multicast sink for a message it will never send as it is: a target header that is not
 * a multicast group or port, a group of an address family its interface has no address of, a
 * payload larger than a datagram. Retrying cannot help, so a route refuses the message at once: the
 * HTTP route answers 400 or 413, the queue route moves it to {@code multicast.dead} with the reason
 * (see {@code routes/support/refuse-unsendable.camel.yaml}). The message is one line naming the bad
 * value and what was expected.
 *
 * <p>A message sent in bulk with a bad header is a common mistake, not a fault of the bridge, so no
 * stack trace is recorded: where it was thrown says nothing that the message does not.
 */
public final class UnsendableMessageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Whether the payload was too large, rather than the target wrong. */
  private final boolean tooLarge;

  private UnsendableMessageException(String message, boolean tooLarge) {
    super(message);
    this.tooLarge = tooLarge;
  }

  /**
   * {@return a message with a bad target or one its interface cannot reach}
   *
   * @param message one line naming the target and what was expected
   */
  public static UnsendableMessageException badTarget(String message) {
    return new UnsendableMessageException(message, false);
  }

  /**
   * {@return a payload larger than one datagram can carry}
   *
   * @param message one line naming the size and the limit
   */
  public static UnsendableMessageException tooLarge(String message) {
    return new UnsendableMessageException(message, true);
  }

  /** {@return whether the payload was too large (HTTP 413), rather than the target wrong (400)} */
  public boolean tooLarge() {
    return tooLarge;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
