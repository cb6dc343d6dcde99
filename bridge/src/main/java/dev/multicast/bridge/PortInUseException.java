package dev.multicast.bridge;

/**
 * A port the bridge would listen on (its broker's, HTTP or management port) is taken by another
 * program. The message names the port, the address and the option that chose it. Nothing was left
 * running.
 */
public final class PortInUseException extends RuntimeException {
  public PortInUseException(String message) {
    super(message);
  }
}
