package dev.multicast.camel;

/**
 * The headers of bridged messages. A multicast source sets the first six on every exchange; they
 * travel as JMS properties and HTTP headers. A multicast sink sends to {@link #TARGET_GROUP} and
 * {@link #TARGET_PORT} when a message carries them, else to its configured group.
 */
public final class MulticastHeaders {
  /** The sender's IP address, as text. */
  public static final String SOURCE_ADDRESS = "MulticastSourceAddress";

  /** The sender's UDP port. */
  public static final String SOURCE_PORT = "MulticastSourcePort";

  /** The group the datagram was received on, as text. */
  public static final String GROUP = "MulticastGroup";

  /** The port the datagram was received on. */
  public static final String PORT = "MulticastPort";

  /** When the bridge received it, in milliseconds since the epoch. */
  public static final String RECEIVED_AT = "MulticastReceivedAt";

  /** The site (network) of the bridge that received it; see {@link Site}. */
  public static final String SITE = "MulticastSite";

  /** Where a sink sends this message instead of its configured group. */
  public static final String TARGET_GROUP = "MulticastTargetGroup";

  /** With {@link #TARGET_GROUP}: the port a sink sends to. */
  public static final String TARGET_PORT = "MulticastTargetPort";

  private MulticastHeaders() {}
}
