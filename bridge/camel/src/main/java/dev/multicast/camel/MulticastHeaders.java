package dev.multicast.camel;

/**
 * The headers of bridged messages. A multicast source sets the first six on every exchange; they
 * travel as JMS properties and HTTP headers. A multicast sink sends to {@link #TARGET_GROUP} and
 * {@link #TARGET_PORT} when a message carries them, else to its configured group. Unmarshalling
 * with an {@link EnvelopeDataFormat} adds the five envelope headers, from {@link #SENDER_ID} on.
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

  /** The envelope's sender id, as 8 hex digits: random per sending process, never 0. */
  public static final String SENDER_ID = "MulticastSenderId";

  /** The sender's epoch (a long): its start in Unix seconds, moved on when its sequence wraps. */
  public static final String EPOCH = "MulticastEpoch";

  /** The envelope's sequence number within its epoch (a long), 0 for the first. */
  public static final String SEQUENCE = "MulticastSequence";

  /** When the sender sealed it, in milliseconds since the epoch by the sender's clock. */
  public static final String SENT_AT = "MulticastSentAt";

  /** How the envelope was protected: {@code auth}, {@code seal} or {@code seq}. */
  public static final String ENVELOPE_MODE = "MulticastEnvelopeMode";

  /**
   * A message's id on the bridge's Kafka path, the same on every attempt to deliver it: receivers
   * or a dedup step drop a repeat (delivery there is at least once).
   */
  public static final String DUPLICATE_ID = "MulticastDuplicateId";

  /** Why a message was refused, on a message the bridge moved to a dead-letter queue. */
  public static final String DEAD_LETTER_REASON = "MulticastDeadLetterReason";

  private MulticastHeaders() {}
}
