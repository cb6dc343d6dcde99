package dev.multicast.bridge;

/**
 * The bridge's configuration is wrong: a route file that is missing or not valid YAML, an unknown
 * Kamelet parameter, a group that is not multicast, a port out of range. The message names the file
 * (and line, where YAML gives one) and the bad value. Nothing was left running.
 */
public final class BridgeConfigException extends RuntimeException {
  public BridgeConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
