package dev.multicast.bridge;

/**
 * A port the bridge would listen on (its broker's, HTTP or management port) cannot be bound:
 * another program holds it, or this user may not bind it. The message names the address, the port
 * and the option that chose it. Nothing was left running.
 */
public final class CannotListenException extends RuntimeException {
  private final boolean denied;

  public CannotListenException(String message, boolean denied) {
    super(message);
    this.denied = denied;
  }

  /** Whether the operating system refused it for lack of privilege, rather than as taken. */
  public boolean denied() {
    return denied;
  }
}
